import { describe, expect, it } from 'vitest';
import { pairwiseAccuracy } from '../../../core/analysis/rank-correlation.js';
import { PairSweep } from '../../../core/analysis/tie-calibration.js';
import { crossValidatedTies } from '../../../core/analysis/tie-cross-validation.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

// Leave one prompt out, pair by pair: for each prompt, epsilon maximises the mean acc_eq of the other
// prompts (candidates 0 and their |metric differences|, the first maximum kept), and the held-out
// prompt is scored at it; the value is the mean over prompts with a pair.
function leaveOneOut(h: number[][], m: number[][]) {
  const scores: number[] = [];
  h.forEach((_, held) => {
    const others = h.map((_, g) => g).filter((g) => g !== held);
    const candidates = new Set([0]);
    for (const g of others) for (const x of m[g]!) for (const y of m[g]!) candidates.add(Math.abs(x - y));
    let best = { value: -1, epsilon: 0 };
    for (const e of [...candidates].sort((a, b) => a - b)) {
      const accs = others.map((g) => pairwiseAccuracy(h[g]!, m[g]!, e)).filter((a) => a !== null);
      const value = accs.reduce((a, b) => a + b, 0) / accs.length;
      if (value > best.value + 1e-12) best = { value, epsilon: e };
    }
    const score = pairwiseAccuracy(h[held]!, m[held]!, best.epsilon);
    if (score !== null) scores.push(score);
  });
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

describe('cross-validated tie calibration', () => {
  const random = mulberry32(11);
  // 12 prompts of 4 systems each: human scores on a coarse scale (many ties), a metric that follows them with noise.
  const h = Array.from({ length: 12 }, () => Array.from({ length: 4 }, () => 1 + Math.floor(random() * 4)));
  const m = h.map((row) => row.map((x) => Math.round((x + random() * 2) * 4) / 4));
  const unitOf = h.flatMap((row, g) => row.map(() => g));
  const groups = unitOf.map((g) => `p${g}`);

  it('per prompt, with one fold per prompt: the leave-one-prompt-out accuracy computed pair by pair', () => {
    const sweep = new PairSweep(h.flat(), m.flat(), groups);
    const cv = crossValidatedTies(sweep, unitOf, 12, { folds: 12 });
    expect(cv.folds).toBe(12);
    expect(cv.epsilons).toHaveLength(12);
    expect(cv.value).toBeCloseTo(leaveOneOut(h, m), 12);
  });

  it('pooled, with one fold per prompt: only pairs of two held-out items are scored, each pair once', () => {
    const sweep = new PairSweep(h.flat(), m.flat());
    const cv = crossValidatedTies(sweep, unitOf, 12, { folds: 12 });
    let agree = 0;
    h.forEach((_, held) => {
      const train = unitOf.map((u) => (u === held ? 0 : 1));
      const epsilon = sweep.run(train)!.epsilon;
      // The held-out prompt's 6 pairs, pair by pair at the epsilon chosen on the rest.
      agree += pairwiseAccuracy(h[held]!, m[held]!, epsilon)! * 6;
    });
    expect(cv.value).toBeCloseTo(agree / (12 * 6), 12);
  });

  it('is seeded: the same seed deals the same folds, and fewer than two prompts give no value', () => {
    const sweep = new PairSweep(h.flat(), m.flat(), groups);
    expect(crossValidatedTies(sweep, unitOf, 12, { seed: 4 })).toEqual(crossValidatedTies(sweep, unitOf, 12, { seed: 4 }));
    expect(crossValidatedTies(sweep, unitOf, 12).folds).toBe(5);
    const one = new PairSweep([1, 2, 3], [0.1, 0.2, 0.3]);
    expect(crossValidatedTies(one, [0, 0, 0], 1)).toEqual({ value: null, folds: 1, epsilons: [] });
  });
});
