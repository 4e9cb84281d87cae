import { describe, expect, it } from 'vitest';
import { bt500Screening } from '../../../core/analysis/bt500-screening.js';
import { p913Screening } from '../../../core/analysis/p913-screening.js';
import { combineScreening, goldFailures, repeatInconsistency } from '../../../core/analysis/rater-checks.js';
import type { Observation } from '../../../core/analysis/rating-types.js';

// Constructed raters: 20 items with true quality cycling 1..5; five honest raters off by at most
// one point in a fixed pattern, one who always answers 3, one who answers far from the truth on
// both sides (5 for poor items, 1 for good ones).
const TRUE = Array.from({ length: 20 }, (_, i) => 1 + (i % 5));
function panel(): Observation[] {
  const rows: Observation[] = [];
  for (let r = 0; r < 5; r++)
    TRUE.forEach((t, i) => rows.push({ item: `i${i}`, rater: `honest${r}`, score: Math.min(5, Math.max(1, t + (((i + r) % 3) - 1))) }));
  TRUE.forEach((_, i) => rows.push({ item: `i${i}`, rater: 'straight', score: 3 }));
  TRUE.forEach((t, i) => rows.push({ item: `i${i}`, rater: 'contrary', score: 6 - t }));
  return rows;
}

describe('rater screening', () => {
  it('P.913 rejects the straight-liner and the contrary rater and keeps the honest ones', () => {
    const v = p913Screening(panel(), { conditionOf: (item) => `g${Number(item.slice(1)) % 5}` });
    const rejected = v
      .filter((x) => x.rejected)
      .map((x) => x.rater)
      .sort();
    expect(rejected).toEqual(['contrary', 'straight']);
    expect(v.find((x) => x.rater === 'straight')!.reason).toMatch(/every score is 3/);
    expect(v.find((x) => x.rater === 'honest0')!.details.r1).toBeGreaterThan(0.75);
  });

  // 15 honest raters give every item 2,2,2,3x9,4,4,4; a 16th gives 5 or 1. For an item with the
  // 5 (by hand): mean 3.125, m2 = 0.609, m4 = 1.183, beta2 = 3.19 (within [2, 4], so 2 sd),
  // sd = 0.806, upper bound 3.125 + 1.612 = 4.737 < 5: the 5 counts in P; no honest score is out.
  const HONEST = [2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4];
  function bt500Panel(odd: number, even: number): Observation[] {
    const rows: Observation[] = [];
    for (let i = 0; i < 10; i++) {
      HONEST.forEach((score, r) => rows.push({ item: `i${i}`, rater: `r${r}`, score }));
      rows.push({ item: `i${i}`, rater: 'wild', score: i % 2 ? odd : even });
    }
    return rows;
  }

  it('BT.500 counts P and Q against per-item bounds and rejects a rater outside on both sides', () => {
    const v = bt500Screening(bt500Panel(5, 1));
    const wild = v.find((x) => x.rater === 'wild')!;
    expect([wild.details.p, wild.details.q, wild.rejected]).toEqual([5, 5, true]);
    expect(wild.reason).toMatch(/P=5, Q=5/);
    expect(wild.findings).toEqual([{ check: 'bt500', values: { outside: 10, n: wild.details.n, p: 5, q: 5 } }]);
    expect(v.filter((x) => x.rejected)).toHaveLength(1);
  });

  it('BT.500 keeps a rater whose outliers are all on one side (a severe but consistent rater)', () => {
    const harsh = bt500Screening(bt500Panel(1, 1)).find((x) => x.rater === 'wild')!;
    expect([harsh.details.p, harsh.details.q, harsh.rejected]).toEqual([0, 10, false]);
  });

  it('gold failures and repeat inconsistency name the rater and the reason', () => {
    const gold = goldFailures(
      [
        { item: 'g1', rater: 'a', score: 5 },
        { item: 'g2', rater: 'a', score: 1 },
        { item: 'g1', rater: 'b', score: 1 },
        { item: 'g2', rater: 'b', score: 5 },
        { item: 'x', rater: 'b', score: 3 },
      ],
      [
        { item: 'g1', low: 4, high: 5 },
        { item: 'g2', low: 1, high: 2 },
      ],
    );
    expect(gold.map((g) => [g.rater, g.rejected])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(gold[1]!.reason).toMatch(/2 of 2/);
    const twice = (rater: string, item: string, first: number, second: number) => [
      { item, rater, score: first },
      { item, rater, score: second },
    ];
    const rows = ['x', 'y', 'z', 'w'].flatMap((item) => [...twice('a', item, 2, 5), ...twice('b', item, 4, 4)]);
    const rep = repeatInconsistency(rows);
    expect(rep.map((r) => [r.rater, r.rejected, r.details.meanDifference])).toEqual([
      ['a', true, 3],
      ['b', false, 0],
    ]);
    // Three repeats are too few to reject anyone, however far apart.
    expect(repeatInconsistency(rows.slice(0, 12))[0]!.rejected).toBe(false);
    const all = combineScreening(gold, rep);
    expect(all.find((x) => x.rater === 'a')!.rejected).toBe(true);
    expect(all.find((x) => x.rater === 'b')!.reason).toMatch(/gold/);
    // The codes behind the words, kept in the order of the checks, for reports in other languages.
    expect(all.find((x) => x.rater === 'a')!.findings).toEqual([{ check: 'repeats', values: { mean: '3.00', repeats: 4 } }]);
    expect(all.find((x) => x.rater === 'b')!.findings.map((f) => f.check)).toEqual(['gold']);
  });
});
