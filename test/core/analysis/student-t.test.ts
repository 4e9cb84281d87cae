import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../../core/analysis/student-t.js';
import { meanCi } from '../../../core/analysis/mean-ci.js';

describe('Student t', () => {
  // Two-sided 95% critical values from the standard table (NIST/SEMATECH e-Handbook, Table 1.3.5.2).
  it.each([
    [1, 12.706],
    [2, 4.303],
    [5, 2.571],
    [10, 2.228],
    [30, 2.042],
    [100, 1.984],
  ])('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('is symmetric and its CDF inverts the quantile', () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 10);
    expect(studentTCdf(studentTQuantile(0.9, 4), 4)).toBeCloseTo(0.9, 10);
  });
});

describe('meanCi', () => {
  it('matches a hand computation', () => {
    // mean 3, sd = sqrt(2.5), half-width = 2.776 * sd / sqrt(5) (t(0.975, 4) = 2.776)
    const ci = meanCi([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(ci.high! - 3).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
  });

  it('keeps the interval of a bounded metric inside its range, where the t interval passes the end', () => {
    // Flicker-like scores near 1: mean 29/30, sd = sqrt(1/300), half-width = 4.303 * sd / sqrt(3) = 0.1434 (t(0.975, 2) = 4.303).
    const values = [1, 1, 0.9];
    const half = (4.303 * Math.sqrt(1 / 300)) / Math.sqrt(3);
    expect(29 / 30 + half).toBeGreaterThan(1);
    const open = meanCi(values);
    expect(open.high).toBeCloseTo(29 / 30 + half, 3);
    const bounded = meanCi(values, { range: [0, 1] });
    expect(bounded.high).toBe(1);
    expect(bounded.low).toBeCloseTo(29 / 30 - half, 3);
    expect(bounded.mean).toBe(open.mean);
  });

  it('leaves nulls out and has no interval below two values', () => {
    expect(meanCi([null, 4, null])).toEqual({ n: 1, mean: 4, sd: null, low: null, high: null });
    expect(meanCi([null]).mean).toBeNull();
  });
});
