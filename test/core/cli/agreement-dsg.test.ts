import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spearmanBrown } from '../../../core/analysis/human-ceiling.js';
import { krippendorffAlpha, unitsFromRatings } from '../../../core/analysis/krippendorff-alpha.js';
import { runInProcess } from './run-in-process.js';

const DIR = join(import.meta.dirname, '../../fixtures/dsg-tifa160');

// Upstream README "Human correlation on TIFA-160" (Spearman / Kendall tau-b, n = 800): the 9 cells
// computable from the per-image scores (the tifa question-generation column needs a file not shipped).
const PUBLISHED: Record<string, [number, number]> = {
  mplug_vq2a: [0.212, 0.164],
  mplug_dsg: [0.463, 0.38],
  mplug_dsg_nodep: [0.464, 0.378],
  instructblip_vq2a: [0.426, 0.352],
  instructblip_dsg: [0.442, 0.364],
  instructblip_dsg_nodep: [0.436, 0.355],
  pali17b_vq2a: [0.207, 0.157],
  pali17b_dsg: [0.571, 0.458],
  pali17b_dsg_nodep: [0.57, 0.457],
};

const args = [
  'agreement',
  join(DIR, 'dsg_tifa160_human_vs_vqa.csv'),
  '--human',
  'likert_mean',
  '--metric',
  ...Object.keys(PUBLISHED),
  '--system',
  'generator',
  '--item',
  'item_id',
  '--unit',
  'tifa_text_id',
  '--ratings',
  join(DIR, 'tifa160-likert-anns.csv'),
  '--ratings-key',
  'source_id',
  't2i_model',
  '--key',
  'tifa_text_id',
  'generator',
  '--iterations',
  '40',
];

describe('loupe agreement on the DSG / TIFA160 human ratings', () => {
  it('reproduces the published correlation table and judges each score against the human ceiling', async () => {
    const r = await runInProcess([...args, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      metrics: {
        metric: string;
        items: number;
        systems: number;
        itemSpearman: { value: number };
        itemKendall: { value: number };
        ceiling: { value: number; panel: number; items: number };
        ofCeiling: { value: number; high: number };
        pairwiseAccuracy: { value: number };
        tieCalibrated: { value: number; epsilon: number; crossValidated: { value: number; folds: number; epsilons: number[] } };
        grouped: { groups: number };
        flags: string[];
      }[];
    };
    for (const m of out.metrics) {
      const [rho, tau] = PUBLISHED[m.metric]!;
      expect([m.metric, m.itemSpearman.value.toFixed(3), m.itemKendall.value.toFixed(3)]).toEqual([
        m.metric,
        rho.toFixed(3),
        tau.toFixed(3),
      ]);
      expect([m.items, m.systems, m.grouped.groups]).toEqual([800, 5, 160]);
      expect(m.tieCalibrated.value).toBeGreaterThanOrEqual(m.pairwiseAccuracy.value);
      // Five folds of the 160 prompts, each with its own epsilon chosen on the other four.
      expect([m.tieCalibrated.crossValidated.folds, m.tieCalibrated.crossValidated.epsilons.length]).toEqual([5, 5]);
      expect(m.tieCalibrated.crossValidated.value).toBeGreaterThan(0);
    }
    // The ceiling against an independent reliability of the same ratings: Krippendorff's interval
    // alpha (single ratings), projected to five raters with Spearman-Brown.
    const ratings = parse(readFileSync(join(DIR, 'tifa160-likert-anns.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const alpha = krippendorffAlpha(
      unitsFromRatings(ratings.map((x) => ({ item: `${x.source_id}/${x.t2i_model}`, score: Number(x.answer) }))),
      'interval',
    ).alpha!;
    const ceiling = out.metrics[0]!.ceiling;
    expect([ceiling.panel, ceiling.items]).toEqual([5, 800]);
    expect(Math.abs(ceiling.value - spearmanBrown(alpha, 5))).toBeLessThan(0.05);
    // No VQA score reaches what raters reach with each other; the two vq2a scores are weak (below half of it).
    for (const m of out.metrics) expect(m.ofCeiling.high).toBeLessThan(1);
    const weak = out.metrics.filter((m) => m.flags.includes('below-ceiling')).map((m) => m.metric);
    expect(weak).toEqual(['mplug_vq2a', 'pali17b_vq2a']);
    const text = await runInProcess(
      args.map((a) => (a === 'mplug_vq2a' ? 'pali17b_dsg' : a)).filter((a) => !(a in PUBLISHED) || a === 'pali17b_dsg'),
    );
    expect(text.stdout).toMatch(/^Human ceiling: 0\.\d{3} \[/m);
    expect(text.stdout).toMatch(
      /pali17b_dsg {2}\(800 items, 5 systems\)[\s\S]*?tie-cal\. \(same data\) {2}0\.\d{3} \[[^\]]+\] {2}epsilon [\d.]+\n {2}tie-cal\. \(cross-val\.\) 0\.\d{3} {2}\(5 folds; epsilons /,
    );
  });
});
