import { describe, expect, it } from 'vitest';
import { pairwiseAccuracy } from '../../../core/analysis/rank-correlation.js';
import { PairSweep } from '../../../core/analysis/tie-calibration.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

// The definition, candidate by candidate: acc_eq (pairwiseAccuracy, pair by pair) at epsilon 0 and
// at every distinct |metric difference|, the first maximum kept (np.nanargmax in mt-metrics-eval).
function bruteForce(h: number[], m: number[]) {
  const candidates = new Set([0]);
  for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) candidates.add(Math.abs(m[i]! - m[j]!));
  let best = { accuracy: -1, epsilon: 0 };
  for (const e of [...candidates].sort((a, b) => a - b)) {
    const a = pairwiseAccuracy(h, m, e)!;
    if (a > best.accuracy + 1e-12) best = { accuracy: a, epsilon: e };
  }
  return best;
}

describe('tie calibration', () => {
  it('a hand-computed example: a coarse metric gains by calling small differences ties', () => {
    // People: items 0 and 1 tie (3), item 2 is better (5). Metric: 0.50, 0.55, 0.90.
    // epsilon 0: (0,1) people tie, metric does not -> no; (0,2) and (1,2) agree -> 2/3.
    // epsilon 0.05: (0,1) now ties on both sides -> 3/3; a larger epsilon (0.35) ties (1,2) -> 2/3.
    const r = new PairSweep([3, 3, 5], [0.5, 0.55, 0.9]).run()!;
    expect(r.atZero).toBeCloseTo(2 / 3, 12);
    expect(r.accuracy).toBe(1);
    expect(r.epsilon).toBeCloseTo(0.05, 12);
  });

  it('acc_eq at a given epsilon counts a difference equal to epsilon as a metric tie (mt-metrics-eval acc_23)', () => {
    // acc_23 = (concordant + tied on both sides) / pairs, and a pair whose |metric difference| <= epsilon is a metric tie.
    // People 3, 3, 5, 1; metric 0.5, 0.75, 2, 0.625 (exact in binary). Pairs and |diff|:
    // (0,1) people tie, 0.25; (0,2) concordant, 1.5; (0,3) discordant, 0.125; (1,2) concordant, 1.25;
    // (1,3) concordant, 0.125; (2,3) concordant, 1.375.
    // epsilon 0.1: 4 concordant of 6. epsilon 0.125: (0,3) and (1,3) become metric ties -> 3 of 6.
    // epsilon 0.25: (0,1) also ties on both sides -> 4 of 6. The best is 4/6, first reached at epsilon 0.
    const sweep = new PairSweep([3, 3, 5, 1], [0.5, 0.75, 2, 0.625]);
    expect(sweep.at(0.1)).toEqual({ agree: 4, total: 6 });
    expect(sweep.at(0.125)).toEqual({ agree: 3, total: 6 });
    expect(sweep.at(0.25)).toEqual({ agree: 4, total: 6 });
    expect(sweep.run()).toEqual({ atZero: 4 / 6, accuracy: 4 / 6, epsilon: 0 });
    // Items 2 and 3 left out (weight 0): pairs (0,1) only -> a metric tie at 0.25, people tie -> 1 of 1.
    expect(sweep.at(0.25, [1, 1, 0, 0])).toEqual({ agree: 1, total: 1 });
  });

  it('matches the pair-by-pair definition on samples with many ties', () => {
    const random = mulberry32(3);
    for (const n of [2, 5, 23, 60]) {
      const h = Array.from({ length: n }, () => 1 + Math.floor(random() * 5));
      const m = Array.from({ length: n }, () => Math.round(random() * 16) / 4);
      const r = new PairSweep(h, m).run()!;
      const b = bruteForce(h, m);
      expect(r.accuracy).toBeCloseTo(b.accuracy, 12);
      expect(r.epsilon).toBeCloseTo(b.epsilon, 12);
      expect(r.atZero).toBeCloseTo(pairwiseAccuracy(h, m)!, 12);
    }
  });

  it('grouped: acc_eq within each group, averaged over groups, one epsilon for all', () => {
    const h = [1, 2, 3, 3, 3, 1, 5, 4];
    const m = [0.1, 0.3, 0.2, 0.6, 0.62, 0.2, 0.9, 0.95];
    const groups = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c'];
    const r = new PairSweep(h, m, groups).run()!;
    const at = (e: number) =>
      (pairwiseAccuracy([1, 2, 3], [0.1, 0.3, 0.2], e)! +
        pairwiseAccuracy([3, 3], [0.6, 0.62], e)! +
        pairwiseAccuracy([1, 5, 4], [0.2, 0.9, 0.95], e)!) /
      3;
    expect(r.atZero).toBeCloseTo(at(0), 12);
    expect(r.accuracy).toBeCloseTo(Math.max(...[0, 0.02, 0.05, 0.1, 0.2, 0.7, 0.75].map(at)), 12);
  });

  it('weights count each pair of resampled items once per pair of copies, never a copy against itself', () => {
    const random = mulberry32(8);
    const h = Array.from({ length: 12 }, () => Math.floor(random() * 4));
    const m = Array.from({ length: 12 }, () => Math.floor(random() * 6) / 5);
    const once = new PairSweep(h, m).run()!;
    // Every item twice: four copies of each pair, the same share of agreement as once.
    const twice = new PairSweep(h, m).run(h.map(() => 2))!;
    expect(twice.accuracy).toBeCloseTo(once.accuracy, 12);
    expect(twice.atZero).toBeCloseTo(once.atZero, 12);
    // Items 0 and 1 only (the others drawn zero times): their single pair decides.
    const two = new PairSweep(h, m).run(h.map((_, i) => (i < 2 ? 3 : 0)))!;
    expect(two.atZero).toBe(pairwiseAccuracy(h.slice(0, 2), m.slice(0, 2)));
    expect(new PairSweep([1], [1]).run()).toBeNull();
  });
});
