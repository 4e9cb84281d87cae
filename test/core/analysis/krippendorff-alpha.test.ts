import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, unitsFromRatings } from '../../../core/analysis/krippendorff-alpha.js';

// The worked example of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011,
// Annenberg School for Communication, repository.upenn.edu/asc_papers/43), section C: four
// observers, twelve units, values 1-5, missing entries as null. The same matrix is the
// example of R's irr::kripp.alpha ("the C data from Krippendorff").
const N = null;
const OBSERVERS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
  [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
];
const UNITS = OBSERVERS[0]!.map((_, j) => OBSERVERS.map((o) => o[j]!));

describe('krippendorffAlpha', () => {
  // Published results of the paper: nominal .743, ordinal .815, interval .849, ratio .797.
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('reproduces the published %s alpha %f', (level, published) => {
    expect(krippendorffAlpha(UNITS, level).alpha).toBeCloseTo(published, 3);
  });

  it('uses only pairable values: unit 12 (one value) is left out, n = 40', () => {
    const r = krippendorffAlpha(UNITS, 'interval');
    expect(r.pairable).toBeCloseTo(40, 10);
    expect(r.units).toBe(11);
  });

  it('is 1 for perfect agreement and has no value without variation', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [3, 3, 3],
          [5, N, 5],
        ],
        'interval',
      ).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2],
        ],
        'ordinal',
      ).alpha,
    ).toBeNull();
  });

  it('arranges long-form ratings into units', () => {
    const units = unitsFromRatings([
      { item: 'a', score: 1 },
      { item: 'b', score: 2 },
      { item: 'a', score: 1 },
    ]);
    expect(units).toEqual([[1, 1], [2]]);
  });
});
