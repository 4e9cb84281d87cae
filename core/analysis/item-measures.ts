import type { Interval } from './bootstrap.js';
import { groupBy } from './group-by.js';
import { kendallTauB, pearson, spearman } from './rank-correlation.js';

export interface Estimate extends Interval {
  value: number | null;
}

/** One item (a generation) with its human score (MOS) and the metric's score. */
export interface AgreementRow {
  item: string;
  system: string;
  /** What is shared across systems (a prompt in one language): the bootstrap resamples by it. */
  unit: string;
  human: number;
  metric: number;
  /** The single raters' scores behind `human`, when known: the human ceiling is computed from them. */
  ratings?: readonly number[];
}

/** The correlations of one sample of rows: Kendall tau-b across system means, and across items. */
export function correlations(rows: readonly AgreementRow[]) {
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
    itemPearson: pearson(h, m),
  };
}
