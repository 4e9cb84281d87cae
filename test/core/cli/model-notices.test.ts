import { describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();

/** The metric ids of the "<id>: skipped, ..." notices in what a command printed. */
const skipped = (stderr: string) => [...stderr.matchAll(/^(\S+): skipped, /gm)].map((m) => m[1]);

describe('notices about metric models that are not available', () => {
  it('print once per run where scores are computed, and not on loupe report', async () => {
    const t = tempDir();
    // An empty model cache: every model-backed metric is skipped.
    vi.stubEnv('LOUPE_CACHE', tempDir().dir);
    try {
      t.write('loupe.config.yaml', smallConfig());
      const run = await runCli(['run', '--quiet'], t.dir);
      expect(run.code).toBe(0);
      const ids = skipped(run.stderr);
      expect(ids).toContain('clip-score');
      expect(new Set(ids).size).toBe(ids.length);
      const report = await runCli(['report'], t.dir);
      expect(report.code).toBe(0);
      expect(skipped(report.stderr)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
