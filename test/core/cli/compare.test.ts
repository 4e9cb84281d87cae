import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../core/report/index.js';
import { ReportJsonSchema } from '../../../core/report/report-schema.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

/** Two synthetic generators, each run with a simulated study; `t` draws wrong text at `wrongTextRate`, `u` (blurred, noisy, miscounting) never changes. */
const config = (
  runId: string,
  wrongTextRate: number,
  prompts = '  - { set: text-rendering, sample: 6 }\n  - { set: counting, sample: 3 }',
) =>
  smallConfig({
    prompts,
    generators: `  - { id: t, type: synthetic, width: 256, height: 256, wrongTextRate: ${wrongTextRate} }\n  - { id: u, type: synthetic, width: 256, height: 256, blur: 2, noise: 0.1, miscountRate: 1 }`,
    extra: `metrics: [ocr-text, sharpness, colorfulness, exposure, noise]\nstore: { sqlite: db.sqlite }\nmedia: { folder: media }\nsimulatedStudy: { id: raters-${runId}, raters: 4 }`,
  }).replace('id: test-run', `id: ${runId}`);

describe('loupe compare', () => {
  it('finds the knob that changed (wrong text: OCR down) and nothing else, and names bad requests', async () => {
    const t = tempDir();
    const [base, next] = [t.write('base.yaml', config('base', 0)), t.write('next.yaml', config('next', 1))];
    expect((await runInProcess(['run', '-q', '-c', base])).code).toBe(0);
    expect((await runInProcess(['run', '-q', '-c', next])).code).toBe(0);

    const json = await runInProcess(['compare', 'base', 'next', '-c', base, '--json']);
    expect(json.code).toBe(0);
    const c = JSON.parse(json.stdout) as RunComparison;
    // 6 text-rendering and 3 counting prompts in zh and en.
    expect(c.commonUnits).toBe(18);
    expect(c.provenance).toEqual([]);
    const changed = c.rows.filter((r) => r.change && r.kind === 'metric').map((r) => `${r.generator} ${r.measure} ${r.change}`);
    expect(changed).toEqual(['t ocr-text down']);
    // Both runs have a (simulated) study: the raters see the wrong text, on consistency with the prompt.
    const human = c.rows.find((r) => r.generator === 't' && r.measure === 'human: text-image-consistency')!;
    expect(human).toMatchObject({ kind: 'human', pairs: 18, change: 'down' });
    // The unchanged generator's media are the same files: its metrics differ by exactly 0, its (re-simulated) ratings within noise.
    expect(c.rows.filter((r) => r.generator === 'u' && r.change)).toEqual([]);
    expect(c.rows.filter((r) => r.generator === 'u' && r.kind === 'metric').every((r) => r.difference === 0)).toBe(true);
    const ocr = c.rows.find((r) => r.generator === 't' && r.measure === 'ocr-text')!;
    expect(ocr.pairs).toBe(12);

    // The same difference from the store's rows, joined by hand: the mean over prompts of next minus base.
    const db = new Database(join(t.dir, 'db.sqlite'), { readonly: true });
    const values = (run: string) =>
      new Map(
        (
          db
            .prepare(
              `SELECT g.prompt_id || '/' || g.language AS unit, s.value FROM run_generations r JOIN generations g ON g.key = r.generation_key
               JOIN scores s ON s.generation_key = g.key WHERE r.run_id = ? AND g.generator_id = 't' AND s.metric_id = 'ocr-text' AND s.value IS NOT NULL`,
            )
            .all(run) as { unit: string; value: number }[]
        ).map((r) => [r.unit, r.value]),
      );
    const [a, b] = [values('base'), values('next')];
    const diffs = [...a.keys()].filter((k) => b.has(k)).map((k) => b.get(k)! - a.get(k)!);
    db.close();
    expect(diffs).toHaveLength(12);
    expect(ocr.difference).toBeCloseTo(diffs.reduce((x, y) => x + y, 0) / diffs.length, 12);

    const text = await runInProcess(['compare', 'base', 'next', '-c', base]);
    expect(text.stdout).toMatch(/t\s+ocr-text\s+12 .* lower \(worse\)/);
    expect(text.stdout).toMatch(/Changed beyond noise \(the 95% interval excludes 0\): .*t ocr-text lower \(worse\)/);

    // The report of the new run with the baseline: the same comparison, in report.json (valid against its schema) and both pages.
    expect((await runInProcess(['report', '-q', '-c', next, '--baseline', 'base'])).code).toBe(0);
    const report = ReportJsonSchema.parse(JSON.parse(readFileSync(join(t.dir, 'reports/next/report.json'), 'utf8')));
    expect(report.comparison!.rows).toEqual(c.rows);
    const html = readFileSync(join(t.dir, 'reports/next/report.html'), 'utf8');
    expect(html).toContain('Against the baseline run <code>base</code>');
    expect(html).toMatch(/<tr class="flag"><th>t<\/th><td>ocr-text<\/td><td class="num">12<\/td>.*<b>lower<\/b> \(worse\)/);
    expect(readFileSync(join(t.dir, 'reports/next/report.zh.html'), 'utf8')).toContain('与基线运行 <code>base</code> 的比较');

    const unknown = await runInProcess(['compare', 'base', 'nope', '-c', base]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no run "nope" in the store; it holds "base", "next"');
    expect((await runInProcess(['compare', 'base', 'base', '-c', base])).stderr).toContain('run "base" compared with itself');

    const other = t.write('other.yaml', config('other', 0, '  - { set: zh-core, sample: 2 }'));
    expect((await runInProcess(['run', '-q', '-c', other])).code).toBe(0);
    expect((await runInProcess(['compare', 'other', 'next', '-c', base])).stderr).toContain(
      'runs baseline "other" and candidate "next" share no prompt (same prompt set, prompt id, language, sample and text)',
    );
    const video = t.write('video.yaml', config('video', 0, '  - { set: video-motion, sample: 1 }'));
    expect((await runInProcess(['run', '-q', '-c', video])).code).toBe(0);
    expect((await runInProcess(['compare', 'base', 'video', '-c', base])).stderr).toContain(
      'runs baseline "base" and candidate "video" have different modalities (image against video)',
    );

    // One setting of one metric differs for the candidate's new media: refused unless allowed.
    const rw = new Database(join(t.dir, 'db.sqlite'));
    rw.prepare(
      `UPDATE scores SET provenance = json_set(provenance, '$.decoder', 'another decoder') WHERE metric_id = 'sharpness'
       AND generation_key IN (SELECT generation_key FROM run_generations WHERE run_id = 'next' EXCEPT SELECT generation_key FROM run_generations WHERE run_id = 'base')`,
    ).run();
    rw.close();
    const refused = await runInProcess(['compare', 'base', 'next', '-c', base]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/sharpness decoder: sharp [^\n]* -> another decoder \| sharp/);
    expect(refused.stderr).toContain('--allow-provenance-mismatch');
    expect((await runInProcess(['report', '-q', '-c', next, '--baseline', 'base'])).code).toBe(2);
    const allowed = await runInProcess(['compare', 'base', 'next', '-c', base, '--allow-provenance-mismatch']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("warning: the two runs' metrics were not computed the same way");
    expect(allowed.stdout).toContain('t ocr-text lower (worse)');
  }, 600_000);
});
