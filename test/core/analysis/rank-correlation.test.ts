import { describe, expect, it } from 'vitest';
import { averageRanks, kendallTauB, pairwiseAccuracy, pearson, spearman } from '../../../core/analysis/rank-correlation.js';
import { pairCounts } from '../../../core/analysis/pair-counts.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

describe('rank correlations', () => {
  it('Kendall tau-b with ties matches scipy.stats.kendalltau', () => {
    // scipy.stats.kendalltau docs example (scipy 1.11): x1 = [12, 2, 1, 12, 2], x2 = [1, 4, 7, 1, 0]
    // gives statistic -0.47140452079103173 (variant 'b', ties in both samples).
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('Spearman with ties matches scipy.stats.spearmanr', () => {
    // scipy.stats.spearmanr docs example: spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
  });

  it('average ranks share the mean rank across ties', () => {
    expect(averageRanks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]);
  });

  it('is undefined when one side is constant', () => {
    expect(kendallTauB([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(pearson([1, 1], [2, 3])).toBeNull();
    expect(() => kendallTauB([1], [1, 2])).toThrow(/length/);
  });

  it('pairwise accuracy counts a tie as agreement only when both tie (acc_eq)', () => {
    // Pairs of (h, m): (0,1) h< m<; (0,2) h= m<; (0,3) h< m=; (1,2) h> m>; (1,3) h= m>; (2,3) h< m>.
    // Agreements: (0,1) and (1,2) -> 2 of 6 with epsilon 0.
    const human = [1, 2, 1, 2];
    const metric = [0.1, 0.5, 0.3, 0.1];
    expect(pairwiseAccuracy(human, metric)).toBeCloseTo(2 / 6, 12);
    // With epsilon 0.25 the metric also ties on (0,2), (1,2) and (2,3) (differences of 0.2):
    // (0,2) now agrees (both tie), (1,2) no longer does (humans prefer 1) -> still 2 of 6.
    expect(pairwiseAccuracy(human, metric, 0.25)).toBeCloseTo(2 / 6, 12);
    expect(pairwiseAccuracy([1, 1, 2], [0.5, 0.52, 0.9], 0.05)).toBe(1);
  });
});

describe('pair counts in O(n log n)', () => {
  // The definition, pair by pair: the oracle for the merge-sort count.
  function naive(x: number[], y: number[]) {
    let c = 0,
      d = 0,
      tx = 0,
      ty = 0,
      tb = 0;
    for (let i = 0; i < x.length; i++)
      for (let j = i + 1; j < x.length; j++) {
        const s = Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
        if (s > 0) c++;
        else if (s < 0) d++;
        if (x[i] === x[j]) tx++;
        if (y[i] === y[j]) ty++;
        if (x[i] === x[j] && y[i] === y[j]) tb++;
      }
    return { concordant: c, discordant: d, tiedX: tx, tiedY: ty, tiedBoth: tb };
  }

  it('matches the pairwise definition on samples with many ties', () => {
    const random = mulberry32(9);
    for (const n of [2, 3, 17, 64, 200]) {
      const x = Array.from({ length: n }, () => Math.floor(random() * 5));
      const y = Array.from({ length: n }, () => Math.floor(random() * 4));
      expect(pairCounts(x, y)).toMatchObject(naive(x, y));
      const h = x.map((v) => v + 0.5);
      const agree = naive(h, y);
      expect(pairwiseAccuracy(h, y)).toBeCloseTo((agree.concordant + agree.tiedBoth) / ((n * (n - 1)) / 2), 12);
    }
  });
});
