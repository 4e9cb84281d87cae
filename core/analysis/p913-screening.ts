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

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The subject screening of ITU-T P.913 (03/2016): r1 is Pearson's r between a rater's scores
 * and the items' MOS, r2 the same on means per condition (here the generator); a rater is
 * rejected when r1 < 0.75 and r2 < 0.8. P.913 takes the MOS over all subjects, the rater's own
 * scores included; with few raters that inflates r1 (a random rater among five correlates with
 * the fifth of the MOS that is their own), so r1 and r2 here are leave-one-out: against the
 * MOS of the other raters, over the items someone else rated too. `r1All` is P.913's own r1,
 * reported for comparison. A rater whose scores do not vary (straight-lining) has no
 * correlation and is rejected.
 */
export function p913Screening(rows: readonly Observation[], options: P913Options = {}): ScreeningVerdict[] {
  const minR1 = options.minItemCorrelation ?? 0.75;
  const minR2 = options.minConditionCorrelation ?? 0.8;
  const totals = new Map(
    [...groupBy(rows, (r) => r.item)].map(([item, list]) => [item, { sum: list.reduce((a, r) => a + r.score, 0), n: list.length }]),
  );
  return [...groupBy(rows, (r) => r.rater)].map(([rater, list]) => {
    // The rater's mean per item (one score unless the data repeats an item) and the others' MOS of it.
    const pairs = [...groupBy(list, (r) => r.item)].flatMap(([item, own]) => {
      const t = totals.get(item)!;
      const ownSum = own.reduce((a, r) => a + r.score, 0);
      const all = t.sum / t.n;
      return t.n > own.length ? [{ item, own: ownSum / own.length, others: (t.sum - ownSum) / (t.n - own.length), all }] : [];
    });
    const r1 = pearson(
      pairs.map((p) => p.own),
      pairs.map((p) => p.others),
    );
    const r1All = pearson(
      pairs.map((p) => p.own),
      pairs.map((p) => p.all),
    );
    let r2: number | null = null;
    if (options.conditionOf) {
      const byCondition = [...groupBy(pairs, (p) => options.conditionOf!(p.item)).values()];
      r2 = pearson(
        byCondition.map((l) => mean(l.map((p) => p.own))),
        byCondition.map((l) => mean(l.map((p) => p.others))),
      );
    }
    const flat = new Set(list.map((r) => r.score)).size === 1;
    const lowR1 = r1 === null || r1 < minR1;
    const lowR2 = !options.conditionOf || r2 === null || r2 < minR2;
    const rejected = pairs.length >= 3 && lowR1 && lowR2;
    const reason = !rejected
      ? ''
      : flat
        ? `P.913: every score is ${list[0]!.score} (no variation, straight-lining)`
        : `P.913: correlation with the other raters' MOS r1 = ${r1?.toFixed(2) ?? 'n/a'} < ${minR1}${options.conditionOf ? ` and per generator r2 = ${r2?.toFixed(2) ?? 'n/a'} < ${minR2}` : ''}`;
    const values = { score: list[0]!.score, r1: r1?.toFixed(2) ?? 'n/a', minR1, r2: r2?.toFixed(2) ?? 'n/a', minR2 };
    const check = flat ? 'p913-flat' : options.conditionOf ? 'p913-generator' : 'p913';
    return { rater, rejected, reason, findings: rejected ? [{ check, values }] : [], details: { r1, r1All, r2, n: list.length } };
  });
}
