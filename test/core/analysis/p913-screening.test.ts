import { describe, expect, it } from 'vitest';
import { p913Screening } from '../../../core/analysis/p913-screening.js';
import type { Observation } from '../../../core/analysis/rating-types.js';
import { simulateRatings } from '../../../core/study/simulate-ratings.js';

const panel = (scores: Record<string, number[]>): Observation[] =>
  Object.entries(scores).flatMap(([rater, xs]) => xs.map((score, i) => ({ item: `i${i + 1}`, rater, score })));

describe('P.913 screening, r1 leave-one-out', () => {
  // Three consistent raters and one who answers without looking, five items.
  const rows = panel({ a: [1, 2, 3, 4, 5], b: [2, 2, 3, 5, 5], c: [1, 3, 3, 4, 4], x: [3, 5, 1, 2, 4] });

  it('correlates a rater with the mean of the other raters, as computed by hand', () => {
    // x against the MOS of a, b, c: (4, 7, 9, 13, 14) / 3. With x = (3, 5, 1, 2, 4): deviations
    // (0, 2, -2, -1, 1) and, times 3, (-5.4, -2.4, -0.4, 3.6, 4.6); the products sum to -3.0,
    // the squares to 10 and 69.2, so r1 = -3 / sqrt(692).
    // Against the MOS of all four, x included: (1.75, 3, 2.5, 3.75, 4.5), deviations
    // (-1.35, -0.1, -0.6, 0.65, 1.4); products 1.75, squares 4.575: r1 = 1.75 / sqrt(45.75).
    const x = p913Screening(rows).find((v) => v.rater === 'x')!;
    expect(x.details.r1).toBeCloseTo(-3 / Math.sqrt(692), 12);
    expect(x.details.r1All).toBeCloseTo(1.75 / Math.sqrt(45.75), 12);
    expect(x.rejected).toBe(true);
    expect(x.reason).toBe("P.913: correlation with the other raters' MOS r1 = -0.11 < 0.75");
  });

  it('leaves each rater out of their own reference, consistent raters too', () => {
    const v = p913Screening(rows);
    // a against the MOS of b, c, x: (2, 10/3, 7/3, 11/3, 13/3).
    const others = [2, 10 / 3, 7 / 3, 11 / 3, 13 / 3];
    const m = others.reduce((s, y) => s + y, 0) / 5;
    const sxy = others.reduce((s, y, i) => s + (i - 2) * (y - m), 0);
    const syy = others.reduce((s, y) => s + (y - m) ** 2, 0);
    expect(v.find((r) => r.rater === 'a')!.details.r1).toBeCloseTo(sxy / Math.sqrt(10 * syy), 12);
  });

  it('gives a random rater among consistent ones an r1 near zero, where the MOS of all inflates it', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, generatorId: `g${i % 3}`, unit: `u${Math.floor(i / 3)}` }));
    const sim = simulateRatings(items, {
      seed: 11,
      dimensions: ['realism'],
      quality: { g0: 4, g1: 3, g2: 2 },
      honestRaters: 4,
      badRaters: ['random'],
      repeats: 0,
    });
    const item = new Map(sim.assignments.map((a) => [a.id, a.item]));
    const generator = new Map(items.map((i) => [i.key, i.generatorId]));
    const v = p913Screening(
      sim.ratings.map((r) => ({ item: item.get(r.assignmentId)!, rater: r.raterId, score: r.value })),
      { conditionOf: (key) => generator.get(key)! },
    );
    const random = v.find((r) => r.rater === 'rater-random')!;
    expect(Math.abs(random.details.r1!)).toBeLessThan(0.15);
    expect(random.details.r1All! - random.details.r1!).toBeGreaterThan(0.1);
    expect(random.rejected).toBe(true);
    expect(v.filter((r) => r.rejected)).toHaveLength(1);
  });
});
