import { percentileInterval, type Interval } from './bootstrap.js';
import { averageRanks, kendallTauB, pairwiseAccuracy, spearman } from './rank-correlation.js';
import { groupBy } from './group-by.js';
import { mulberry32 } from '../types/index.js';

/** One item (a generation) with its human score (MOS) and the metric's score. */
export interface AgreementRow {
  item: string;
  system: string;
  /** What is shared across systems (a prompt in one language): the bootstrap resamples by it. */
  unit: string;
  human: number;
  metric: number;
}

export interface AgreementOptions {
  direction?: 'higher-is-better' | 'lower-is-better';
  /** Flag when the system-level tau is below this (default 0.5). */
  minSystemTau?: number;
  iterations?: number;
  seed?: number;
  /** Metric differences within epsilon count as ties in pairwise accuracy. */
  epsilon?: number;
  /** How many of the most-disagreeing items to list (default 5). */
  worst?: number;
}

export interface Estimate extends Interval {
  value: number | null;
}

/** Why a metric is flagged: system-level tau (across generators) or item-level Spearman (across items). */
export type AgreementFlag =
  | 'system-undefined'
  | 'system-below-bar'
  | 'system-below-zero'
  | 'system-reaches-zero'
  | 'item-undefined'
  | 'item-below-zero'
  | 'item-reaches-zero';

export interface Agreement {
  items: number;
  systems: number;
  systemTau: Estimate;
  itemSpearman: Estimate;
  itemKendall: Estimate;
  pairwiseAccuracy: Estimate;
  /** The system-level bar the verdict used. */
  minSystemTau: number;
  flagged: boolean;
  /** Why it is flagged, as codes (for translated reports) and in English words. */
  flags: AgreementFlag[];
  reasons: string[];
  /** Items whose rank by the metric is furthest from their rank by people. */
  disagreements: (AgreementRow & { humanRank: number; metricRank: number })[];
}

function statistics(rows: readonly AgreementRow[], epsilon: number) {
  const bySystem = [...groupBy(rows, (r) => r.system).values()];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const h = rows.map((r) => r.human);
  const m = rows.map((r) => r.metric);
  return {
    systemTau:
      bySystem.length >= 2
        ? kendallTauB(
            bySystem.map((l) => mean(l.map((r) => r.human))),
            bySystem.map((l) => mean(l.map((r) => r.metric))),
          )
        : null,
    itemSpearman: spearman(h, m),
    itemKendall: kendallTauB(h, m),
    pairwiseAccuracy: pairwiseAccuracy(h, m, epsilon),
  };
}

/**
 * Agreement of one metric with one human dimension at system level (Kendall's tau-b across
 * systems) and item level (Spearman, Kendall tau-b, pairwise accuracy with ties), each with a
 * percentile interval from resampling units (seeded). A metric is flagged for the dimension
 * when its agreement is not clearly positive: an interval that reaches zero (or lies below it),
 * or a system tau below the bar. The reasons say which.
 */
export function metricAgreement(input: readonly AgreementRow[], options: AgreementOptions = {}): Agreement {
  const rows = options.direction === 'lower-is-better' ? input.map((r) => ({ ...r, metric: -r.metric })) : [...input];
  const epsilon = options.epsilon ?? 0;
  const point = statistics(rows, epsilon);
  const units = [...groupBy(rows, (r) => r.unit).values()];
  const random = mulberry32(options.seed ?? 1);
  const reps: Record<keyof typeof point, number[]> = { systemTau: [], itemSpearman: [], itemKendall: [], pairwiseAccuracy: [] };
  for (let b = 0; b < (options.iterations ?? 300); b++) {
    const sample = units.flatMap(() => units[Math.floor(random() * units.length)]!);
    const s = statistics(sample, epsilon);
    for (const k of Object.keys(reps) as (keyof typeof point)[]) if (s[k] !== null) reps[k].push(s[k]!);
  }
  const est = (k: keyof typeof point): Estimate => ({ value: point[k], ...percentileInterval(reps[k]) });
  const result = {
    systemTau: est('systemTau'),
    itemSpearman: est('itemSpearman'),
    itemKendall: est('itemKendall'),
    pairwiseAccuracy: est('pairwiseAccuracy'),
  };
  const minSystemTau = options.minSystemTau ?? 0.5;
  const flags = agreementFlags(result.systemTau, result.itemSpearman, minSystemTau);
  const hr = averageRanks(rows.map((r) => r.human));
  const mr = averageRanks(rows.map((r) => r.metric));
  const disagreements = rows
    .map((r, i) => ({ ...input[i]!, humanRank: hr[i]!, metricRank: mr[i]! }))
    .sort((a, b) => Math.abs(b.humanRank - b.metricRank) - Math.abs(a.humanRank - a.metricRank))
    .slice(0, options.worst ?? 5);
  const reasons = flags.map((f) => describeFlag(f, { ...result, minSystemTau }));
  return {
    items: rows.length,
    systems: new Set(rows.map((r) => r.system)).size,
    ...result,
    minSystemTau,
    flagged: flags.length > 0,
    flags,
    reasons,
    disagreements,
  };
}

/** Not clearly positive: an interval that reaches zero or lies below it, or a system tau below the bar. */
function agreementFlags(tau: Estimate, rho: Estimate, bar: number): AgreementFlag[] {
  const flags: AgreementFlag[] = [];
  if (tau.value === null) flags.push('system-undefined');
  else {
    if (tau.value < bar) flags.push('system-below-bar');
    if (tau.high !== null && tau.high < 0) flags.push('system-below-zero');
    else if (tau.low !== null && tau.low <= 0) flags.push('system-reaches-zero');
  }
  if (rho.value === null) flags.push('item-undefined');
  else if (rho.high !== null && rho.high < 0) flags.push('item-below-zero');
  else if (rho.low !== null && rho.low <= 0) flags.push('item-reaches-zero');
  return flags;
}

const f2 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** A flag in English words, with the numbers behind it. */
export function describeFlag(flag: AgreementFlag, a: Pick<Agreement, 'systemTau' | 'itemSpearman' | 'minSystemTau'>): string {
  const tau = a.systemTau;
  const rho = a.itemSpearman;
  switch (flag) {
    case 'system-undefined':
      return 'system-level tau undefined (fewer than two systems, or one side constant)';
    case 'system-below-bar':
      return `system-level Kendall tau ${f2(tau.value)} is below the bar ${a.minSystemTau}`;
    case 'system-below-zero':
      return `system-level tau interval [${f2(tau.low)}, ${f2(tau.high)}] is below zero: the metric orders generators against people`;
    case 'system-reaches-zero':
      return `system-level tau interval [${f2(tau.low)}, ${f2(tau.high)}] reaches zero`;
    case 'item-undefined':
      return 'item-level Spearman undefined (one side constant)';
    case 'item-below-zero':
      return `item-level Spearman ${f2(rho.value)} [${f2(rho.low)}, ${f2(rho.high)}] is below zero: the metric orders items against people`;
    case 'item-reaches-zero':
      return `item-level Spearman ${f2(rho.value)} with interval [${f2(rho.low)}, ${f2(rho.high)}] reaches zero`;
  }
}
