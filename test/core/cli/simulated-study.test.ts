import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

const study = 'simulatedStudy: { id: demo-raters, raters: 4, seed: 3 }\nmetrics: [sharpness, ocr-text]';

describe('loupe run with simulatedStudy', () => {
  it('writes the simulated study once after scoring, labelled, and keeps it on a resumed run', async () => {
    const t = tempDir();
    const cfg = t.write('loupe.config.yaml', smallConfig({ extra: study }));
    const first = await runInProcess(['run', '-q', '-c', cfg]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/SIMULATED RATERS: study "demo-raters", 4 simulated raters .* one careless rater \(rater-random\)/);
    const report = () => JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8'));
    const human = report().human;
    expect(human).toHaveLength(1);
    expect(human[0].study).toMatchObject({ id: 'demo-raters', source: 'simulated' });
    // 5 raters (4 honest, 1 careless), every generation (3 counting + 2 text prompts, zh and en, 2 generators) and 2 repeats each, 4 dimensions.
    expect(human[0].study.ratings).toBe(5 * (20 + 2) * 4);
    expect(human[0].analysis.screenedOut).toEqual(['rater-random']);
    const html = readFileSync(join(t.dir, 'reports/test-run/report.html'), 'utf8');
    expect(html).toContain('<span class="badge">SIMULATED RATERS</span>');
    expect(readFileSync(join(t.dir, 'reports/test-run/report.zh.html'), 'utf8')).toContain('<span class="badge">模拟评分者</span>');
    // The bad generator's blur and wrong counts: people (simulated) prefer the good one on every dimension.
    for (const d of human[0].analysis.dimensions) expect(d.ranking[0].id).toBe('good');

    const again = await runInProcess(['run', '-q', '-c', cfg]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('SIMULATED RATERS: study "demo-raters" is already written; kept as it is.');
    expect(report().human[0].study.ratings).toBe(human[0].study.ratings);
  }, 300_000);

  it('refuses a generator that is not synthetic before anything is made', async () => {
    const t = tempDir();
    const generators = '  - { id: good, type: synthetic }\n  - { id: vendor, type: folder, dir: clips, pattern: "{promptId}.png" }';
    const cfg = t.write('loupe.config.yaml', smallConfig({ generators, extra: study }));
    const r = await runInProcess(['run', '-q', '-c', cfg]);
    expect(r.stderr).toContain(
      `${cfg}: simulatedStudy: simulated raters only know the knobs of synthetic generators, and "vendor" (type folder) is not one`,
    );
    expect(r.code).toBe(2);
    expect(existsSync(join(t.dir, '.loupe'))).toBe(false);
  });
});
