import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { runCli } from './run-cli.js';

const KRIPPENDORFF = fileURLToPath(new URL('../../fixtures/krippendorff-2011/reliability-data.csv', import.meta.url));
const tempDir = useTempDir();

describe('loupe ratings reliability', () => {
  it("reproduces Krippendorff's worked example from a file with no generator or dimension, in a folder with no config", async () => {
    const t = tempDir();
    copyFileSync(KRIPPENDORFF, join(t.dir, 'reliability-data.csv'));
    const imported = await runCli(['ratings', 'import', 'reliability-data.csv'], t.dir);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('Imported 41 ratings by 4 raters into study "import-reliability-data" (run "imported")');

    const json = await runCli(['ratings', 'reliability', '--json'], t.dir);
    expect(json.code).toBe(0);
    const [study] = JSON.parse(json.stdout) as { study: string; dimensions: { dimension: string; alpha: Record<string, number> }[] }[];
    expect(study!.study).toBe('import-reliability-data');
    const { alpha } = study!.dimensions[0]!;
    // Krippendorff (2011), section C: the published values, and 11 pairable units holding 40 values.
    expect(alpha.nominal).toBeCloseTo(0.743, 3);
    expect(alpha.ordinal).toBeCloseTo(0.815, 3);
    expect(alpha.interval).toBeCloseTo(0.849, 3);
    expect(alpha.ratio).toBeCloseTo(0.797, 3);
    expect([alpha.units, alpha.values]).toEqual([11, 40]);

    const text = await runCli(['ratings', 'reliability'], t.dir);
    expect(text.stdout).toMatch(/rating\s+4\s+12\s+41\s+0\.743\s+0\.815\s+0\.849\s+0\.797\s+11 \/ 40\s+none/);
  });

  it('names what is missing: an unknown study, a folder without ratings, a row without its rater', async () => {
    const t = tempDir();
    expect((await runCli(['ratings', 'reliability'], t.dir)).stderr).toContain('run "imported" has no likert study');
    t.write('bad.csv', 'unit,rater,value\n1,A,3\n2,,4\n');
    const bad = await runCli(['ratings', 'import', 'bad.csv'], t.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv:3: rater: is empty/);
    t.write('good.csv', 'unit,rater,value\n1,A,3\n1,B,4\n');
    expect((await runCli(['ratings', 'import', 'good.csv'], t.dir)).code).toBe(0);
    const unknown = await runCli(['ratings', 'reliability', '--study', 'nope'], t.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('study "nope": no such study in the store');
  });
});
