import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { status } from '../../models/fake-server.js';
import { creates, jobsConfig, KEY, readRun, stopRunMidway, useServices, WORKFLOW, type GeneratorName } from './jobs-fixtures.js';
import { runCli } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

/** `loupe jobs cancel` on the jobs a stopped run (a second Ctrl-C) left at each kind of service. */

const tempDir = useTempDir();
const fake = useServices();

/** A run of these generators, stopped once `jobs` jobs run at the services; returns its config file. */
async function stoppedRun(names: GeneratorName[], jobs: number, languages = '[en]'): Promise<{ dir: string; config: string }> {
  const t = tempDir();
  t.write('wf.json', WORKFLOW);
  const config = t.write('loupe.config.yaml', jobsConfig(fake.server.url, names, languages));
  await stopRunMidway(config, fake.services, jobs);
  return { dir: t.dir, config };
}
const sent = (method: string, path: RegExp) => fake.server.requests.filter((r) => r.method === method && path.test(r.path));

describe('loupe jobs cancel', () => {
  it('fal: PUT to the cancel_url of the stored create answer; the row is cancelled and its generation failed (cancelled)', async () => {
    const { config } = await stoppedRun(['fal'], 1);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code, out.stderr).toBe(0);
    const cancels = sent('PUT', /cancel$/);
    expect(cancels.map((r) => `${r.path} ${r.headers.authorization}`)).toEqual([`/fal-ai/flux/requests/r1/cancel Key ${KEY}`]);
    expect(out.stdout).toMatch(
      /fal count-\d+ en job r1: cancelled at the service \(PUT 127\.0\.0\.1:\d+\/fal-ai\/flux\/requests\/r1\/cancel\)/,
    );
    const { ledger, generations } = await readRun(config);
    expect(ledger).toMatchObject([
      { phase: 'cancelled', jobId: 'r1', message: expect.stringMatching(/^cancelled by `loupe jobs cancel` at 20\d\d-/) },
    ]);
    expect(generations).toMatchObject([{ status: 'failed', errorCategory: 'cancelled' }]);
    expect(out.stdout + out.stderr).not.toContain(KEY);
  });

  it('ComfyUI: interrupts the prompt that runs and deletes the one still queued', async () => {
    const { config } = await stoppedRun(['comfy'], 2, '[zh, en]');
    const [first, second] = fake.server.requests
      .filter((r) => r.path === '/prompt')
      .map((r) => (r.body as { prompt_id: string }).prompt_id);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code, out.stderr).toBe(0);
    const posted = sent('POST', /^\/(interrupt|queue)$/).map((r) => `${r.path} ${JSON.stringify(r.body)}`);
    expect(posted.sort()).toEqual([`/interrupt {"prompt_id":"${first}"}`, `/queue {"delete":["${second}"]}`].sort());
    expect(out.stdout).toContain('interrupted at the server');
    expect(out.stdout).toContain('deleted from the queue at the server');
    expect((await readRun(config)).ledger.map((e) => e.phase)).toEqual(['cancelled', 'cancelled']);
  });

  it('MiniMax, which has no cancel request: the row is left as it is, and the user is told it finishes and is billed', async () => {
    const { config } = await stoppedRun(['mm'], 1);
    const before = await readRun(config);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /leave it: cannot be cancelled at minimax-video \(127\.0\.0\.1:\d+\): it finishes and is billed; a resume will pick it up/,
    );
    expect(out.stdout).toContain('Nothing to cancel');
    expect(await readRun(config)).toEqual(before);
  });

  it('a cancel the service fails (500) leaves the row as it was, names host and path, and exits 3', async () => {
    fake.server.on('POST', /^\/v1\/predictions\/[^/]+\/cancel$/, status(500, {}, { detail: 'cancel backend down' }));
    const { config } = await stoppedRun(['rep'], 1);
    const before = await readRun(config);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code).toBe(3);
    expect(out.stdout).toMatch(
      /rep count-\d+ en job pred1: NOT cancelled: the cancel request POST 127\.0\.0\.1:\d+\/v1\/predictions\/pred1\/cancel failed \(.*HTTP 500.*cancel backend down/,
    );
    expect(out.stdout).toContain('1 NOT cancelled (rows unchanged');
    expect(await readRun(config)).toEqual(before);
  });

  it('a request sent without an answer (no job id) is marked unknown, with the time to look it up by', async () => {
    const { config } = await stoppedRun(['oa'], 1);
    const [row] = (await readRun(config)).ledger;
    expect(row).toMatchObject({ phase: 'sending', jobId: null });
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code, out.stderr).toBe(0);
    const after = await readRun(config);
    expect(after.ledger).toMatchObject([
      { phase: 'unknown', message: `no job id; find it in the service's console by its time ${row!.createdAt}` },
    ]);
    expect(after.generations).toMatchObject([{ status: 'pending' }]);
    expect(out.stdout).toContain('marked unknown');
  });

  it('an image answered as a URL and not yet downloaded is left for a resume to download, not marked unknown', async () => {
    const { config } = await stoppedRun(['oaUrl'], 1);
    const before = await readRun(config);
    expect(before.ledger).toMatchObject([{ phase: 'result-ready', jobId: null }]);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/leave it: it finished at openai-images \(127\.0\.0\.1:\d+\) and is billed; a resume downloads its result/);
    expect(await readRun(config)).toEqual(before);
  });

  it("--generator cancels only that generator's jobs; an unknown one is an error and changes nothing", async () => {
    const { config } = await stoppedRun(['rep', 'fal'], 2);
    const wrong = await runInProcess(['jobs', 'cancel', '-c', config, '--yes', '--generator', 'nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--generator nope: no such generator in .*loupe\.config\.yaml .*\(rep, fal\)/);
    const out = await runInProcess(['jobs', 'cancel', '-c', config, '--yes', '--generator', 'fal']);
    expect(out.code, out.stderr).toBe(0);
    expect(sent('POST', /cancel$/)).toEqual([]);
    expect(sent('PUT', /cancel$/)).toHaveLength(1);
    const phases = Object.fromEntries((await readRun(config)).ledger.map((e) => [e.generatorId, e.phase]));
    expect(phases).toEqual({ rep: 'polling', fal: 'cancelled' });
  });

  it('without --yes where stdin is not a terminal: prints what it would do, changes nothing, exits 2 asking for --yes', async () => {
    const { dir, config } = await stoppedRun(['fal'], 1);
    const before = await readRun(config);
    const out = await runCli(['jobs', 'cancel'], dir);
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(/fal\s+count-\d+ en\s+\w{8}\s+polling\s+r1\s+\S+\s+cancel it at fal \(127\.0\.0\.1:\d+\)/);
    expect(out.stderr).toMatch(/nothing was changed: stdin is not a terminal.*add --yes/);
    expect(sent('PUT', /cancel$/)).toEqual([]);
    expect(await readRun(config)).toEqual(before);
  });
});
