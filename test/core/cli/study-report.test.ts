import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StudyReportJsonSchema } from '../../../core/report/study-report-schema.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { runCli } from './run-cli.js';

const KRIPPENDORFF = fileURLToPath(new URL('../../fixtures/krippendorff-2011/reliability-data.csv', import.meta.url));
const tempDir = useTempDir();

// Three generators on 8 prompts, 4 raters; "best" is rated 5 or 4 everywhere, the others 2 or 3, so
// its MOS is clearly ahead, while "mid" and "low" differ by less than the noise.
function ratingsWithGenerators(): { csv: string; means: Record<string, number> } {
  const lines = ['item,rater,generator,prompt,score'];
  const sums: Record<string, [number, number]> = {};
  for (let p = 0; p < 8; p++)
    for (const [g, base] of [
      ['best', 4],
      ['mid', 2],
      ['low', 2],
    ] as const)
      for (let r = 0; r < 4; r++) {
        const score = base + ((p + r + (g === 'low' ? 1 : 0)) % 2);
        lines.push(`${g}-${p},r${r},${g},p${p},${score}`);
        const s = (sums[g] ??= [0, 0]);
        s[0] += score;
        s[1]++;
      }
  return { csv: lines.join('\n'), means: Object.fromEntries(Object.entries(sums).map(([g, [s, n]]) => [g, s / n])) };
}

const read = (dir: string, study: string, file: string) => readFileSync(join(dir, 'reports', `study-${study}`, file), 'utf8');

describe('loupe report --study, with no config', () => {
  it("reports Krippendorff's worked example: alpha at four levels, and says that run, generations, metrics and rankings are not available", async () => {
    const t = tempDir();
    copyFileSync(KRIPPENDORFF, join(t.dir, 'reliability-data.csv'));
    expect((await runCli(['ratings', 'import', 'reliability-data.csv'], t.dir)).code).toBe(0);
    const r = await runCli(['report', '--study', 'import-reliability-data'], t.dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(join(t.dir, 'reports', 'study-import-reliability-data', 'study-report.html'));
    expect(r.stderr).toContain('not available: run, generations, metrics, rankings');
    const json = StudyReportJsonSchema.parse(JSON.parse(read(t.dir, 'import-reliability-data', 'study-report.json')));
    expect(json.notAvailable).toEqual(['run', 'generations', 'metrics', 'rankings']);
    const [d] = json.reliability;
    // Krippendorff (2011), section C: the published values, over 11 pairable units holding 40 values.
    expect([d!.alpha.nominal, d!.alpha.ordinal, d!.alpha.interval, d!.alpha.ratio].map((a) => a!.toFixed(3))).toEqual([
      '0.743',
      '0.815',
      '0.849',
      '0.797',
    ]);
    expect([d!.raters, d!.items, d!.ratings, d!.alpha.units, d!.alpha.values]).toEqual([4, 12, 41, 11, 40]);
    const html = read(t.dir, 'import-reliability-data', 'study-report.html');
    expect(html).toContain('<h2>Not available</h2>');
    expect(html).toContain('no automatic metrics: nothing scored these media');
    expect(html).toContain('no rankings: no rating names a generator');
    expect(html).toMatch(
      /<td class="num">0\.743<\/td><td class="num">0\.815<\/td><td class="num">0\.849<\/td><td class="num">0\.797<\/td>/,
    );
    expect(html).not.toMatch(/0 generators|0 of 0/);
    expect(html).not.toContain('Human ranking');
    const zh = read(t.dir, 'import-reliability-data', 'study-report.zh.html');
    expect(zh).toContain('<h2>不可用</h2>');
    expect(zh).toContain('href="study-report.html"');
    expect(html).toContain('href="study-report.zh.html"');
  });

  it('ranks the generators a ratings file names: MOS per generator as the file gives it, the clearly best alone at rank 1', async () => {
    const t = tempDir();
    const { csv, means } = ratingsWithGenerators();
    t.write('gen.csv', csv);
    expect((await runCli(['ratings', 'import', 'gen.csv', '--study', 'gens'], t.dir)).code).toBe(0);
    const r = await runCli(['report', '--study', 'gens'], t.dir);
    expect(r.code).toBe(0);
    const json = StudyReportJsonSchema.parse(JSON.parse(read(t.dir, 'gens', 'study-report.json')));
    expect(json.notAvailable).toEqual(['run', 'generations', 'metrics']);
    const ranking = json.human.analysis!.dimensions[0]!.ranking;
    for (const g of ranking) expect(g.mean).toBeCloseTo(means[g.id]!, 12);
    expect(ranking.map((g) => [g.id, g.label])).toEqual([
      ['best', '1'],
      ['low', '2–3'],
      ['mid', '2–3'],
    ]);
    expect(json.reliability[0]!.raters).toBe(4);
    const html = read(t.dir, 'gens', 'study-report.html');
    expect(html).toContain('Human ranking');
    expect(html).not.toContain('no rankings');
  });

  it('names an unknown study and the studies there are, and writes nothing', async () => {
    const t = tempDir();
    const none = await runCli(['report', '--study', 'nope'], t.dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('study "nope": no such study in the store; import ratings with `loupe ratings import`');
    copyFileSync(KRIPPENDORFF, join(t.dir, 'k.csv'));
    await runCli(['ratings', 'import', 'k.csv'], t.dir);
    const other = await runCli(['report', '--study', 'nope'], t.dir);
    expect(other.stderr).toContain('study "nope": no such study in the store; it has import-k');
    expect(existsSync(join(t.dir, 'reports'))).toBe(false);
  });
});
