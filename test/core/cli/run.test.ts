import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli, startCli } from './run-cli.js';

const tempDir = useTempDir();

const callLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

function doneCount(dir: string): number {
  const db = new Database(join(dir, '.loupe/loupe.db'), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM generations WHERE status = 'done'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Resolves once the call log has at least `n` lines. */
async function waitForCalls(file: string, n: number): Promise<void> {
  while (callLines(file).length < n) await new Promise((r) => setTimeout(r, 20));
}

/** A run of 24 slow synthetic generations (12 prompts, zh + en) that logs every request it sends. */
function slowRun() {
  const t = tempDir();
  const log = join(t.dir, 'calls.jsonl');
  t.write(
    'loupe.config.yaml',
    smallConfig({
      generators: `  - { id: slow, type: synthetic, width: 64, height: 64, delayMs: 60, callLog: ${log} }`,
      prompts: '  - { set: counting, sample: 12 }',
    }),
  );
  return { t, log };
}

describe('loupe run', () => {
  it('generates, scores and writes a report whose path it prints', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig());
    const result = await runCli(['run', '--quiet'], t.dir);
    expect(result.stderr).toMatch(/Starting run "test-run": 2 generators/);
    expect(result.code).toBe(0);
    const html = result.stdout.trim();
    expect(html).toBe(join(t.dir, 'reports/test-run/report.html'));
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('SYNTHETIC');
    const data = JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8'));
    expect(data.generators.map((g: { id: string; done: number }) => [g.id, g.done])).toEqual([
      ['good', 10],
      ['bad', 10],
    ]);
    const sharpness = Object.fromEntries(
      data.generators.map((g: { id: string; metrics: { sharpness: { mean: number } } }) => [g.id, g.metrics.sharpness.mean]),
    );
    expect(sharpness.good).toBeGreaterThan(sharpness.bad);
    const csv = readFileSync(join(t.dir, 'reports/test-run/scores.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(21);
    expect(csv[0]).toMatch(/^generator,synthetic,prompt_set,prompt_id/);

    const again = await runCli(['run', '--quiet'], t.dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Resuming run "test-run"/);
    expect(again.stderr).toMatch(/Generating: 0 to make, 20 already done of 20 planned/);
  });

  it('finishes a run killed half way without sending any finished request again', async () => {
    const { t, log } = slowRun();
    const first = startCli(['run', '--quiet'], t.dir);
    await waitForCalls(log, 8);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const doneAtKill = doneCount(t.dir);
    const callsBefore = callLines(log).length;
    expect(doneAtKill).toBeGreaterThan(0);
    expect(doneAtKill).toBeLessThan(24);

    const second = await runCli(['run', '--quiet'], t.dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/left running by a stopped process go back to the queue/);
    expect(doneCount(t.dir)).toBe(24);
    // The resume asked only for what was not finished at the kill.
    const resumedCalls = callLines(log)
      .slice(callsBefore)
      .map((l) => JSON.parse(l));
    expect(resumedCalls).toHaveLength(24 - doneAtKill);
    const keys = resumedCalls.map((c) => `${c.promptId}/${c.language}/${c.seed}/${c.sample}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stops cleanly on Ctrl-C, keeps what finished, and resumes', async () => {
    const { t, log } = slowRun();
    const first = startCli(['run', '--quiet'], t.dir);
    await waitForCalls(log, 6);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/finishing the requests in flight/);
    expect(stopped.stderr).toMatch(/run the same command again to resume/);
    const calls = callLines(log).length;
    // Requests in flight at Ctrl-C were allowed to finish: every call so far is kept.
    expect(doneCount(t.dir)).toBe(calls);

    const second = await runCli(['run', '--quiet'], t.dir);
    expect(second.code).toBe(0);
    expect(callLines(log)).toHaveLength(24);
  });
});
