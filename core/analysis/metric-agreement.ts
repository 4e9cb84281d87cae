import { percentileInterval, resampleCounts } from './bootstrap.js';
import { agreementFlags, describeFlag, type AgreementFlag } from './agreement-flags.js';
import { humanCeiling, spearmanBrown, splitHalfCorrelation, typicalPanel } from './human-ceiling.js';
import { correlations, type AgreementRow, type Estimate } from './item-measures.js';
import { averageRanks } from './rank-correlation.js';
import { PairSweep } from './tie-calibration.js';
import { crossValidatedTies, type CrossValidated } from './tie-cross-validation.js';
import { mulberry32 } from '../types/index.js';

export type { AgreementRow, Estimate } from './item-measures.js';
export type { AgreementFlag } from './agreement-flags.js';

export interface AgreementOptions {
  direction?: 'higher-is-better' | 'lower-is-better';
  /** Flag when the system-level tau is below this (default 0.5). */
  minSystemTau?: number;
  /** Flag as weak when item-level Spearman is clearly below this fraction of the human ceiling (default 0.5). */
  minCeilingFraction?: number;
  iterations?: number;
  seed?: number;
  /** How many of the most-disagreeing items to list (default 5). */
  worst?: number;
  /** Folds of prompts for the cross-validated tie calibration (default 5). */
  folds?: number;
}

/**
 * Tie-calibrated pairwise accuracy: `value` with the epsilon chosen on the same data (optimistic),
 * and `crossValidated`, epsilon chosen on the other folds of prompts and scored on the held-out fold.
 */
export interface Calibrated extends Estimate {
  epsilon: number | null;
  crossValidated: CrossValidated;
}

export interface Agreement {
  items: number;
  systems: number;
  /** System-level Kendall tau-b across system means; null with fewer than two systems (not available). */
  systemTau: Estimate;
  itemSpearman: Estimate;
  itemKendall: Estimate;
  itemPearson: Estimate;
  /** acc_eq with epsilon 0, and tie-calibrated. */
  pairwiseAccuracy: Estimate;
  tieCalibrated: Calibrated;
  /** The same within each unit (a prompt: systems ranked per prompt), averaged over units; null when no unit has two items. */
  grouped: { groups: number; pairwiseAccuracy: Estimate; tieCalibrated: Calibrated } | null;
  /** Split-half Spearman of raters with raters, Spearman-Brown to the full panel; null without single ratings. */
  ceiling: (Estimate & { panel: number; items: number }) | null;
  /** Item-level Spearman as a fraction of the ceiling. */
  ofCeiling: Estimate | null;
  minSystemTau: number;
  minCeilingFraction: number;
  flagged: boolean;
  /** Why it is flagged, as codes (for translated reports) and in English words. */
  flags: AgreementFlag[];
  reasons: string[];
  /** Items whose rank by the metric is furthest from their rank by people. */
  disagreements: (AgreementRow & { humanRank: number; metricRank: number })[];
}

/**
 * Agreement of one metric with one human dimension: item-level Spearman, Kendall tau-b,
 * Pearson, pairwise accuracy (epsilon 0 and tie-calibrated, pooled and per unit), system-level
 * Kendall tau-b, and the human ceiling, each with a percentile interval from resampling units
 * (seeded; every statistic of a replicate sees the same draw, so the comparison with the
 * ceiling is paired, and epsilon is chosen again in each replicate). The ceiling's interval
 * comes from one random split per replicate.
 */
export function metricAgreement(input: readonly AgreementRow[], options: AgreementOptions = {}): Agreement {
  const rows = options.direction === 'lower-is-better' ? input.map((r) => ({ ...r, metric: -r.metric })) : [...input];
  const fraction = options.minCeilingFraction ?? 0.5;
  const unitIndex = new Map<string, number>();
  const unitOf = rows.map((r) => unitIndex.get(r.unit) ?? unitIndex.set(r.unit, unitIndex.size).get(r.unit)!);
  const members: number[][] = [...unitIndex.keys()].map(() => []);
  unitOf.forEach((u, i) => members[u]!.push(i));
  const h = rows.map((r) => r.human);
  const m = rows.map((r) => r.metric);
  const pooled = new PairSweep(h, m);
  const grouped = new PairSweep(
    h,
    m,
    rows.map((r) => r.unit),
  );
  const panels = rows.map((r) => r.ratings ?? []);
  const random = mulberry32(options.seed ?? 1);
  const point = correlations(rows);
  const pointPooled = pooled.run();
  const pointGrouped = grouped.run();
  const cv = { folds: options.folds, seed: options.seed };
  const ceiling = humanCeiling(panels, random);

  const reps = new Map<string, number[]>();
  const push = (k: string, v: number | null | undefined) => {
    if (v !== null && v !== undefined) (reps.get(k) ?? reps.set(k, []).get(k)!).push(v);
  };
  for (let b = 0; b < (options.iterations ?? 300); b++) {
    const counts = resampleCounts(members.length, random);
    const weights = unitOf.map((u) => counts[u]!);
    const sample = members.flatMap((idx, u) => Array.from({ length: counts[u]! }, () => idx.map((i) => rows[i]!)).flat());
    const c = correlations(sample);
    for (const [k, v] of Object.entries(c)) push(k, v);
    const p = pooled.run(weights);
    const g = grouped.run(weights);
    push('accuracy', p?.atZero);
    push('calibrated', p?.accuracy);
    push('groupedAccuracy', g?.atZero);
    push('groupedCalibrated', g?.accuracy);
    if (ceiling === null) continue;
    const r = splitHalfCorrelation(
      sample.map((s) => s.ratings ?? []),
      random,
    );
    if (r === null || c.itemSpearman === null) continue;
    push('ceiling', spearmanBrown(r));
    push('ofCeiling', c.itemSpearman / spearmanBrown(r));
    push('belowBar', c.itemSpearman - fraction * spearmanBrown(r));
  }
  const est = (value: number | null | undefined, k: string): Estimate => ({
    value: value ?? null,
    ...percentileInterval(reps.get(k) ?? []),
  });
  const itemSpearman = est(point.itemSpearman, 'itemSpearman');
  const systems = new Set(rows.map((r) => r.system)).size;
  const withCeiling =
    ceiling === null
      ? { ceiling: null, ofCeiling: null, belowBar: null }
      : {
          ceiling: { ...est(ceiling, 'ceiling'), panel: typicalPanel(panels), items: panels.filter((p) => p.length >= 2).length },
          ofCeiling: est(point.itemSpearman === null ? null : point.itemSpearman / ceiling, 'ofCeiling'),
          belowBar: percentileInterval(reps.get('belowBar') ?? []),
        };
  const inputs = {
    systems,
    systemTau: est(point.systemTau, 'systemTau'),
    itemSpearman,
    minSystemTau: options.minSystemTau ?? 0.5,
    minCeilingFraction: fraction,
    ...withCeiling,
  };
  const flags = agreementFlags(inputs);
  const { belowBar: _, ...shown } = inputs;
  return {
    items: rows.length,
    ...shown,
    itemKendall: est(point.itemKendall, 'itemKendall'),
    itemPearson: est(point.itemPearson, 'itemPearson'),
    pairwiseAccuracy: est(pointPooled?.atZero, 'accuracy'),
    tieCalibrated: {
      ...est(pointPooled?.accuracy, 'calibrated'),
      epsilon: pointPooled?.epsilon ?? null,
      crossValidated: crossValidatedTies(pooled, unitOf, members.length, cv),
    },
    grouped: pointGrouped && {
      groups: members.filter((idx) => idx.length >= 2).length,
      pairwiseAccuracy: est(pointGrouped.atZero, 'groupedAccuracy'),
      tieCalibrated: {
        ...est(pointGrouped.accuracy, 'groupedCalibrated'),
        epsilon: pointGrouped.epsilon,
        crossValidated: crossValidatedTies(grouped, unitOf, members.length, cv),
      },
    },
    flagged: flags.length > 0,
    flags,
    reasons: flags.map((f) => describeFlag(f, inputs)),
    disagreements: worstItems(input, rows, options.worst ?? 5),
  };
}

/** Items whose rank by the metric is furthest from their rank by people (ranks of the oriented metric). */
function worstItems(input: readonly AgreementRow[], rows: readonly AgreementRow[], worst: number) {
  const hr = averageRanks(rows.map((r) => r.human));
  const mr = averageRanks(rows.map((r) => r.metric));
  return input
    .map(({ ratings: _, ...r }, i) => ({ ...r, humanRank: hr[i]!, metricRank: mr[i]! }))
    .sort((a, b) => Math.abs(b.humanRank - b.metricRank) - Math.abs(a.humanRank - a.metricRank))
    .slice(0, worst);
}
