import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { htmlAsImage, sendBytes, sendJson, startFakeServer, status, tinyPng, type FakeServer } from '../../models/fake-server.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A job service whose n-th distinct prompt meets the n-th fault, for good. */
async function faultyJobs(): Promise<FakeServer> {
  const s = await startFakeServer();
  const order = new Map<string, number>();
  const png = await tinyPng();
  const fate = (prompt: string) => {
    if (!order.has(prompt)) order.set(prompt, order.size);
    return order.get(prompt)! % 7;
  };
  const jobs: number[] = [];
  s.on('POST', '/v1/models/acme/flux/predictions', (r, res) => {
    const f = fate((r.body as { input: { prompt: string } }).input.prompt);
    if (f === 5) return sendJson(res, 422, { detail: 'Prediction input failed validation: prompt: NSFW content detected' });
    jobs.push(f);
    sendJson(res, 201, { id: `j${jobs.length - 1}`, status: 'starting' });
  });
  s.on('GET', /^\/v1\/predictions\/j\d+$/, (r, res) => {
    const f = jobs[Number(r.path.split('/j').pop())]!;
    const out = [`${s.url}/out/${f}.png`];
    if (f === 0)
      return sendJson(res, 200, { status: 'failed', error: 'NSFW content detected. Try running it again, or try a different prompt.' });
    if (f === 3) return sendJson(res, 200, { status: 'processing' });
    if (f === 4) return void res.end('{"status": "succ');
    sendJson(res, 200, { status: 'succeeded', output: out });
  });
  s.on('GET', /^\/out\//, (_r, res) => sendBytes(res, png, 'image/png'));
  s.on('GET', '/out/1.png', status(404, {}, { detail: 'Not found' }));
  s.on('GET', '/out/2.png', htmlAsImage);
  return s;
}

describe('faults stored by the CLI', () => {
  it('stores each permanent fault as a categorised failure, next to the successes', async () => {
    const s = await faultyJobs();
    servers.push(s);
    const t = tempDir();
    t.write(
      'loupe.config.yaml',
      [
        'run: { id: faults }',
        'prompts: [{ set: counting, sample: 7 }]',
        'languages: [en]',
        'generators:',
        `  - { id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${s.url}/v1", apiKeyEnv: HOME, pollIntervalMs: 5, maxWaitMs: 40 }`,
        'scheduler: { concurrency: 1, baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 }',
      ].join('\n'),
    );
    const result = await runCli(['generate', '--quiet'], t.dir);
    // Finished with failures: exit 3, after a summary naming the first message of each category.
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('6 of 7 generations ended failed:');
    for (const category of ['bad-request 1', 'invalid-output 2', 'refused 2', 'timeout 1'])
      expect(result.stderr).toMatch(new RegExp(`^  ${category}: rep on count-\\S+ \\(en\\): \\S`, 'm'));
    const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    try {
      const rows = db
        .prepare('SELECT status, error_category AS category, error_message AS message FROM generations ORDER BY error_category')
        .all() as { status: string; category: string | null; message: string | null }[];
      expect(rows.map((r) => r.category ?? r.status).sort()).toEqual([
        'bad-request',
        'done',
        'invalid-output',
        'invalid-output',
        'refused',
        'refused',
        'timeout',
      ]);
      expect(rows.find((r) => r.category === 'timeout')!.message).toMatch(/not finished after 40 ms .*\(job j\d\)/);
    } finally {
      db.close();
    }
  });
});
