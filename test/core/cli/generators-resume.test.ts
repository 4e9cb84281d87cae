import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withEnv } from '../../models/adapter-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { duplicates, startFakeService, type FakeService } from './fake-services.js';
import { runCli, startCli } from './run-cli.js';

const tempDir = useTempDir();
const services: FakeService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

function doneCount(dir: string): number {
  const db = new Database(join(dir, '.loupe/loupe.db'), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM generations WHERE status = 'done'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const LIMITS = { oa: 3, sd: 1, rep: 2 };

describe('a run over three faulty fake services', () => {
  it('is killed half way, resumes, and pays for every image exactly once within each concurrency limit', async () => {
    const [oa, sd, rep] = await Promise.all([
      startFakeService('openai', 4),
      startFakeService('a1111', 3),
      startFakeService('replicate', 4),
    ]);
    services.push(oa!, sd!, rep!);
    const undo = withEnv({ E2E_SERVICE_KEY: 'e2e-secret-key' });
    try {
      const t = tempDir();
      t.write(
        'loupe.config.yaml',
        [
          'run: { id: e2e }',
          'prompts:',
          '  - { set: counting, sample: 6 }',
          'languages: [zh, en]',
          'generators:',
          `  - { id: oa, type: openai-images, model: m1, baseUrl: "${oa!.url}/v1", apiKeyEnv: E2E_SERVICE_KEY }`,
          `  - { id: sd, type: a1111, baseUrl: "${sd!.url}", width: 64, height: 64 }`,
          `  - { id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${rep!.url}/v1", apiKeyEnv: E2E_SERVICE_KEY, pollIntervalMs: 1 }`,
          'scheduler:',
          '  baseDelayMs: 1',
          '  maxDelayMs: 5',
          '  timeoutMs: 60000',
          `  perGenerator: { oa: { concurrency: ${LIMITS.oa} }, sd: { concurrency: ${LIMITS.sd} }, rep: { concurrency: ${LIMITS.rep} } }`,
        ].join('\n'),
      );

      // First run: every service lets a few requests through, then holds new ones. Once each
      // lane has all its workers waiting at a gate, everything they finished before is stored.
      const first = startCli(['generate', '--quiet'], t.dir);
      await Promise.all([oa!.heldReached(LIMITS.oa), sd!.heldReached(LIMITS.sd), rep!.heldReached(LIMITS.rep)]);
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');
      const doneAtKill = doneCount(t.dir);
      expect(doneAtKill).toBe(4 + 3 + 4);

      for (const s of [oa!, sd!, rep!]) s.openGate();
      const second = await runCli(['generate', '--quiet'], t.dir);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/left running by a stopped process go back to the queue/);
      expect(doneCount(t.dir)).toBe(36);

      for (const s of [oa!, sd!, rep!]) {
        expect(duplicates(s)).toEqual([]);
        expect(s.successes.size).toBe(12);
        // Faults were injected: more requests arrived than were paid for.
        expect(s.server.requests.length).toBeGreaterThan(12);
      }
      // The servers' own counts of requests open at once never passed each generator's limit.
      expect(oa!.maxActive).toBeLessThanOrEqual(LIMITS.oa);
      expect(sd!.maxActive).toBeLessThanOrEqual(LIMITS.sd);
      expect(rep!.maxActive).toBeLessThanOrEqual(LIMITS.rep);
      expect(`${second.stderr}${(await first.done).stderr}`).not.toContain('e2e-secret-key');
      const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
      try {
        const dump = JSON.stringify(db.prepare('SELECT * FROM generations').all()) + JSON.stringify(db.prepare('SELECT * FROM runs').all());
        expect(dump).not.toContain('e2e-secret-key');
      } finally {
        db.close();
      }
    } finally {
      undo();
    }
  });
});
