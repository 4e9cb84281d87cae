import { describe, expect, it } from 'vitest';
import {
  bootstrapGeneratorMeans,
  bootstrapUnits,
  percentileInterval,
  resampleCounts,
  type Rated,
} from '../../../core/analysis/bootstrap.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { mosByGroup } from '../../../core/analysis/mos.js';

describe('bootstrap', () => {
  it('percentile interval interpolates order statistics like R quantile(type = 7)', () => {
    // R: quantile(1:10, c(0.025, 0.975)) gives 1.225 and 9.775.
    const iv = percentileInterval([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(iv.low).toBeCloseTo(1.225, 12);
    expect(iv.high).toBeCloseTo(9.775, 12);
    expect(percentileInterval([NaN])).toEqual({ low: null, high: null });
  });

  it('draws n with replacement', () => {
    const c = resampleCounts(50, mulberry32(3));
    expect(c.reduce((a, b) => a + b, 0)).toBe(50);
    expect(c.some((x) => x === 0)).toBe(true);
  });

  it('is reproducible for a seed and different for another', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const xs = Array.from({ length: 30 }, (_, i) => i % 7);
    expect(bootstrapUnits(xs, mean, { iterations: 50, seed: 5 })).toEqual(bootstrapUnits(xs, mean, { iterations: 50, seed: 5 }));
    expect(bootstrapUnits(xs, mean, { iterations: 50, seed: 6 })).not.toEqual(bootstrapUnits(xs, mean, { iterations: 50, seed: 5 }));
  });

  it('two-level resampling widens the interval when raters disagree systematically', () => {
    // Same items and item effects; in `split` two raters are 1.5 points harsher than the others.
    const rows = (harsh: number): Rated[] => {
      const out: Rated[] = [];
      for (let u = 0; u < 21; u++)
        for (let r = 0; r < 6; r++)
          out.push({ generator: 'g', unit: `u${u}`, rater: `r${r}`, score: 3 + ((u % 3) - 1) * 0.5 - (r < 2 ? harsh : 0) });
      return out;
    };
    const [same] = bootstrapGeneratorMeans(rows(0), { iterations: 400, seed: 2 }).means;
    const [split] = bootstrapGeneratorMeans(rows(1.5), { iterations: 400, seed: 2 }).means;
    expect(same!.mean).toBeCloseTo(3, 12);
    expect(same!.low! < 3 && same!.high! > 3).toBe(true);
    expect(split!.high! - split!.low!).toBeGreaterThan(2 * (same!.high! - same!.low!));
  });

  it('MOS per group with a t interval', () => {
    const rows = [
      { g: 'b', s: 4 },
      { g: 'a', s: 1 },
      { g: 'a', s: 2 },
      { g: 'a', s: 3 },
      { g: 'a', s: 4 },
      { g: 'a', s: 5 },
    ];
    const mos = mosByGroup(
      rows,
      (r) => r.g,
      (r) => r.s,
    );
    expect(mos.map((m) => m.group)).toEqual(['a', 'b']);
    // t(0.975, 4) = 2.776 (NIST table); sd = sqrt(2.5).
    expect(mos[0]!.high! - 3).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
    expect(mos[1]!.low).toBeNull();
  });
});
