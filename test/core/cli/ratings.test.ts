import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

describe('loupe ratings and arena', () => {
  it('simulates a study for a run and the report shows it, bad raters screened', async () => {
    const t = tempDir();
    const cfg = t.write('loupe.config.yaml', smallConfig());
    expect((await runInProcess(['generate', '--quiet', '-c', cfg])).code).toBe(0);
    const sim = await runInProcess(['ratings', 'simulate', '--study', 'demo', '--quality', 'good=4.2,bad=2.4', '-c', cfg]);
    expect(sim.stderr).toBe('');
    expect(sim.stdout).toMatch(/Study "demo": 8 simulated raters/);
    expect((await runInProcess(['ratings', 'simulate', '--study', 'demo', '-c', cfg])).stderr).toMatch(/study "demo" already exists/);
    const report = await runInProcess(['report', '--quiet', '-c', cfg]);
    expect(report.stderr).not.toMatch(/error/);
    expect(report.code).toBe(0);
    const data = JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8'));
    const a = data.human[0].analysis;
    expect(a.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
    expect(a.dimensions[0].ranking.map((r: { id: string }) => r.id)).toEqual(['good', 'bad']);
    expect(readFileSync(join(t.dir, 'reports/test-run/report.html'), 'utf8')).toContain('Human ranking');
    expect(readFileSync(join(t.dir, 'reports/test-run/report.zh.html'), 'utf8')).toContain('人工评分排名');
    expect(report.stderr).toContain(`中文版): ${join(t.dir, 'reports/test-run/report.zh.html')}`);
    expect(data.$schema).toBe('./report.schema.json');
    const schema = z.fromJSONSchema(JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.schema.json'), 'utf8')));
    expect(schema.safeParse(data).error).toBeUndefined();
    const mos = readFileSync(join(t.dir, 'reports/test-run/mos.csv'), 'utf8').trim().split('\n');
    expect(mos[0]).toMatch(/^study,dimension,generator,mos,low_95,high_95,rank/);
    expect(mos).toHaveLength(1 + 4 * 2);
    expect(readFileSync(join(t.dir, 'reports/test-run/agreement.csv'), 'utf8')).toMatch(/^study,metric,dimension,flagged,by,group,/);
    // The config's switch keeps screened raters in (still listed); a wide tolerance ties the two generators.
    t.write('loupe.config.yaml', smallConfig({ extra: 'analysis: { keepScreenedRaters: true, tolerance: 5 }' }));
    expect((await runInProcess(['report', '--quiet', '-c', cfg])).code).toBe(0);
    const again = JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8')).human[0].analysis;
    expect(again.keptScreened).toBe(true);
    expect(again.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
    expect(again.dimensions[0].ranking.map((r: { label: string }) => r.label)).toEqual(['1–2', '1–2']);
  });

  it('imports long-format ratings, naming the line and field of each bad row', async () => {
    const t = tempDir();
    const cfg = t.write('loupe.config.yaml', smallConfig());
    const bad = t.write('bad.csv', 'item_id,rater_id,dimension,score,generator\nx1,r1,realism,4,\nx2,r1,realism,7,g\n');
    const r = await runInProcess(['ratings', 'import', bad, '-c', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2: generator: item "x1" is not a generation of run "test-run"`);
    expect(r.stderr).toContain(`${bad}:3: score: "7" is not a score from 1 to 5`);
    const missing = await runInProcess(['ratings', 'import', t.write('m.csv', 'item,who,score\na,b,3\n'), '-c', cfg]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/m\.csv:1: rater: no rater column/);

    const rows = ['item,rater,dimension,score,system,prompt'];
    for (let p = 0; p < 4; p++)
      for (const [sys, q] of [
        ['A', 4],
        ['B', 2],
      ] as const)
        for (let r = 0; r < 3; r++) rows.push(`${sys}-${p},r${r},realism,${q + ((p + r) % 2)},${sys},p${p}`);
    const ok = await runInProcess(['ratings', 'import', t.write('labs.csv', rows.join('\n')), '-c', cfg]);
    expect(ok.stderr).toBe('');
    // The run did not exist (nothing generated, and the refused files above made nothing): a placeholder holds the ratings.
    expect(ok.stdout).toMatch(
      /^Run "test-run" did not exist: made it as a placeholder that holds imported ratings and no generations of its own; `loupe report` reports it\./,
    );
    expect(ok.stdout).toMatch(/Imported 24 ratings by 3 raters into study "import-labs"/);
    const second = await runInProcess(['ratings', 'import', t.write('more.csv', rows.join('\n')), '-c', cfg]);
    expect(second.stdout).not.toMatch(/placeholder/);
    const report = await runInProcess(['report', '--quiet', '-c', cfg]);
    expect(report.code).toBe(0);
    expect(report.stderr).toMatch(/Run "test-run" is a placeholder for imported data: nothing of the config's plan is added to it/);
    const data = JSON.parse(readFileSync(join(t.dir, 'reports/test-run/report.json'), 'utf8'));
    expect(data.generations).toEqual([]);
    expect(data.run.description).toMatch(/placeholder for imported ratings/);
    expect(data.human[0].analysis.dimensions[0].ranking.map((r: { id: string }) => r.id)).toEqual(['A', 'B']);
    expect((await runInProcess(['ratings', 'import', '--help', '-c', cfg])).stdout).toMatch(/item_id/);
  });

  it('imports arena votes and rejects unknown outcomes with the line', async () => {
    const t = tempDir();
    const cfg = t.write('loupe.config.yaml', smallConfig());
    const bad = await runInProcess(['arena', 'import', t.write('v.csv', 'model_a,model_b,winner\nx,y,model_a\nx,y,maybe\n'), '-c', cfg]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/v\.csv:3: winner: "maybe" is not A, B or tie/);
    const ok = await runInProcess([
      'arena',
      'import',
      t.write('votes.csv', 'system_a,system_b,outcome\nx,y,A\ny,x,tie\nx,y,B\n'),
      '-c',
      cfg,
    ]);
    expect(ok.stdout).toMatch(/Imported 3 votes on 2 systems into study "arena-votes"/);
  });
});

describe('loupe agreement', () => {
  it('prints agreement per metric column and flags the bad ones (JSON and text)', async () => {
    const t = tempDir();
    const rows = ['item,system,prompt,mos,good,reversed,lpips'];
    const quality: Record<string, number> = { s1: 4, s2: 3, s3: 2 };
    for (let p = 0; p < 12; p++)
      for (const [s, q] of Object.entries(quality)) {
        const mos = q + ((p * 7 + q * 3) % 5) / 10;
        rows.push(`${s}-${p},${s},p${p},${mos},${mos * 0.1 + 0.01 * (p % 3)},${-mos},${1 - mos / 5}`);
      }
    const file = t.write('table.csv', rows.join('\n'));
    const r = await runInProcess([
      'agreement',
      file,
      '--human',
      'mos',
      '--metric',
      'good',
      'reversed',
      'lpips',
      '--lower-is-better',
      'lpips',
      '--unit',
      'prompt',
      '--iterations',
      '200',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.metrics.map((m: { metric: string; flagged: boolean }) => [m.metric, m.flagged])).toEqual([
      ['good', false],
      ['reversed', true],
      ['lpips', false],
    ]);
    expect(out.metrics[1].systemTau.value).toBe(-1);
    const text = await runInProcess(['agreement', file, '--human', 'mos', '--metric', 'good', 'reversed', '--iterations', '100']);
    expect(text.stdout).toMatch(
      /reversed {2}\(36 items, 3 systems\): FLAGGED: does not agree with people[\s\S]*good {2}\(36 items, 3 systems\): ok/,
    );
    const bad = await runInProcess(['agreement', file, '--human', 'nope', '--metric', 'good']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/table\.csv:1: nope: no such column/);
  });
});
