import { groupBy } from './group-by.js';
import type { Observation, ScreeningVerdict } from './rating-types.js';

/**
 * Observer screening of ITU-R BT.500 (Annex 1 to Part 1, §2.3.1 in BT.500-14): for every item,
 * the mean, standard deviation and kurtosis coefficient beta2 = m4 / m2^2 of its scores. Where
 * beta2 is within [2, 4] the distribution counts as normal and a score is an outlier beyond
 * 2 standard deviations, otherwise beyond sqrt(20). P counts a rater's scores above the upper
 * bound, Q those below the lower; a rater is rejected when (P + Q) / N > 0.05 and
 * |(P - Q) / (P + Q)| < 0.3, N being the number of items the rater scored.
 */
export function bt500Screening(rows: readonly Observation[]): ScreeningVerdict[] {
  const bounds = new Map<string, { low: number; high: number }>();
  for (const [item, list] of groupBy(rows, (r) => r.item)) {
    const n = list.length;
    if (n < 2) continue;
    const mean = list.reduce((a, r) => a + r.score, 0) / n;
    const m2 = list.reduce((a, r) => a + (r.score - mean) ** 2, 0) / n;
    const m4 = list.reduce((a, r) => a + (r.score - mean) ** 4, 0) / n;
    const sd = Math.sqrt(list.reduce((a, r) => a + (r.score - mean) ** 2, 0) / (n - 1));
    const beta2 = m2 > 0 ? m4 / m2 ** 2 : 3;
    const k = beta2 >= 2 && beta2 <= 4 ? 2 : Math.sqrt(20);
    bounds.set(item, { low: mean - k * sd, high: mean + k * sd });
  }
  return [...groupBy(rows, (r) => r.rater)].map(([rater, list]) => {
    let p = 0;
    let q = 0;
    for (const r of list) {
      const b = bounds.get(r.item);
      if (!b) continue;
      if (r.score > b.high) p++;
      else if (r.score < b.low) q++;
    }
    const share = (p + q) / list.length;
    const balance = p + q > 0 ? Math.abs((p - q) / (p + q)) : 1;
    const rejected = share > 0.05 && balance < 0.3;
    return {
      rater,
      rejected,
      reason: rejected ? `BT.500: ${p + q} of ${list.length} scores outside the items' bounds (P=${p}, Q=${q}), on both sides` : '',
      findings: rejected ? [{ check: 'bt500', values: { outside: p + q, n: list.length, p, q } }] : [],
      details: { p, q, n: list.length, share, balance },
    };
  });
}
