import { pearson } from './rank-correlation.js';
import { groupBy } from './group-by.js';
import type { Observation, ScreeningVerdict } from './rating-types.js';

export interface P913Options {
  /** Thresholds of the subject screening in ITU-T P.913 (03/2016) as we apply it: reject when r1 < 0.75 and r2 < 0.8. */
  minItemCorrelation?: number;
  minConditionCorrelation?: number;
  /** The condition an item belongs to (the generator), for r2; without it only r1 decides. */
  conditionOf?: (item: string) => string;
}

/**
 * The correlation check of ITU-T P.913: r1 is Pearson's r between a rater's scores and the
 * items' MOS over all raters; r2 the same on means per condition. A rater whose scores do not
 * vary (straight-lining) has no correlation and is rejected.
 */
export function p913Screening(rows: readonly Observation[], options: P913Options = {}): ScreeningVerdict[] {
  const minR1 = options.minItemCorrelation ?? 0.75;
  const minR2 = options.minConditionCorrelation ?? 0.8;
  const mos = new Map([...groupBy(rows, (r) => r.item)].map(([item, list]) => [item, list.reduce((a, r) => a + r.score, 0) / list.length]));
  return [...groupBy(rows, (r) => r.rater)].map(([rater, list]) => {
    const r1 = pearson(
      list.map((r) => r.score),
      list.map((r) => mos.get(r.item)!),
    );
    let r2: number | null = null;
    if (options.conditionOf) {
      const byCondition = [...groupBy(list, (r) => options.conditionOf!(r.item)).values()];
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      r2 = pearson(
        byCondition.map((l) => mean(l.map((r) => r.score))),
        byCondition.map((l) => mean(l.map((r) => mos.get(r.item)!))),
      );
    }
    const flat = new Set(list.map((r) => r.score)).size === 1;
    const lowR1 = r1 === null || r1 < minR1;
    const lowR2 = !options.conditionOf || r2 === null || r2 < minR2;
    const rejected = list.length >= 3 && lowR1 && lowR2;
    const reason = !rejected
      ? ''
      : flat
        ? `P.913: every score is ${list[0]!.score} (no variation, straight-lining)`
        : `P.913: correlation with the MOS r1 = ${r1?.toFixed(2) ?? 'n/a'} < ${minR1}${options.conditionOf ? ` and per generator r2 = ${r2?.toFixed(2) ?? 'n/a'} < ${minR2}` : ''}`;
    const values = { score: list[0]!.score, r1: r1?.toFixed(2) ?? 'n/a', minR1, r2: r2?.toFixed(2) ?? 'n/a', minR2 };
    const check = flat ? 'p913-flat' : options.conditionOf ? 'p913-generator' : 'p913';
    return { rater, rejected, reason, findings: rejected ? [{ check, values }] : [], details: { r1, r2, n: list.length } };
  });
}
