import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, unitsFromRatings } from '../../../core/analysis/krippendorff-alpha.js';
import { dimensionResult } from '../../../core/analysis/dimension-result.js';

// The worked example of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
// section C: four observers, twelve units, values 1-5 with missing values, as a long CSV
// (rater, unit, value); its source is named in the fixture folder's SOURCE.md.
const CSV = new URL('../../fixtures/krippendorff-2011/reliability-data.csv', import.meta.url);
const ROWS = readFileSync(CSV, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [rater, unit, value] = line.split(',');
    return { rater: rater!, item: unit!, score: Number(value) };
  });
const UNITS = unitsFromRatings(ROWS);
const N = null;

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
    expect(ROWS).toHaveLength(41);
    expect(r.pairable).toBe(40);
    expect(r.units).toBe(11);
  });

  it('is reported at the four levels with the pairable units and values by the per-dimension analysis', () => {
    const { alpha } = dimensionResult(
      'realism',
      ROWS.map((r) => ({ ...r, generator: 'g', unit: r.item })),
      { iterations: 50 },
    );
    expect([alpha.nominal, alpha.ordinal, alpha.interval, alpha.ratio].map((a) => Number(a!.toFixed(3)))).toEqual([
      0.743, 0.815, 0.849, 0.797,
    ]);
    expect([alpha.units, alpha.values]).toEqual([11, 40]);
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
