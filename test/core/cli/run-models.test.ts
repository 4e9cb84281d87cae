import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();
const fixtures = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));

describe('models chosen in the config', () => {
  it('scores a run with the CLIP folders the config names, relative to the config file', async () => {
    const t = tempDir();
    const rel = (name: string) => relative(t.dir, join(fixtures, name));
    t.write(
      'loupe.config.yaml',
      smallConfig({
        generators: '  - { id: g, type: synthetic, width: 64, height: 64 }',
        prompts: '  - { set: counting, sample: 2 }',
        extra: `metrics: [clip-score]\nmodels:\n  clip-en: ${rel('tiny-clip')}\n  clip-zh: ${rel('tiny-chinese-clip')}`,
      }),
    );
    expect(rel('tiny-clip').startsWith('.')).toBe(true);
    const r = await runCli(['run', '--quiet'], t.dir);
    expect(r.stderr).not.toMatch(/skipped/);
    expect(r.code).toBe(0);
    const csv = readFileSync(join(t.dir, 'reports/test-run/scores.csv'), 'utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    const column = header.indexOf('clip-score');
    expect(column).toBeGreaterThan(0);
    // Both languages get a number: English prompts through CLIP, Chinese ones through Chinese-CLIP.
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(Number.isFinite(Number.parseFloat(row[column]!))).toBe(true);
  });
});
