import { pairCounts } from './pair-counts.js';

/** Rank correlations and pairwise accuracy between two paired samples (same length, no nulls). */

const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** Kendall's tau-b, which corrects for ties in either sample; null when one sample is constant. */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  check(x, y);
  const c = pairCounts(x, y);
  const denom = Math.sqrt((c.pairs - c.tiedX) * (c.pairs - c.tiedY));
  return denom > 0 ? (c.concordant - c.discordant) / denom : null;
}

/** Ranks from 1, ties sharing the average of the ranks they span. */
export function averageRanks(x: readonly number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

export function pearson(x: readonly number[], y: readonly number[]): number | null {
  check(x, y);
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** Spearman's rho: Pearson's r on average ranks (the definition scipy.stats.spearmanr uses with ties). */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * Pairwise accuracy with ties, acc_eq of Deutsch, Foster and Freitag (2023), "Ties Matter":
 * the share of all pairs on which metric and humans agree, a tie counting as agreement only
 * when both tie. The metric ties when its difference is within `epsilon`.
 */
export function pairwiseAccuracy(human: readonly number[], metric: readonly number[], epsilon = 0): number | null {
  check(human, metric);
  if (epsilon === 0) {
    // Agreement is a concordant pair or a pair tied on both sides.
    const c = pairCounts(human, metric);
    return c.pairs > 0 ? (c.concordant + c.tiedBoth) / c.pairs : null;
  }
  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < human.length; i++)
    for (let j = i + 1; j < human.length; j++) {
      const dm = metric[i]! - metric[j]!;
      if (sign(human[i]! - human[j]!) === (Math.abs(dm) <= epsilon ? 0 : sign(dm))) agree++;
      pairs++;
    }
  return pairs > 0 ? agree / pairs : null;
}

function check(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`paired samples differ in length: ${x.length} and ${y.length}`);
}
