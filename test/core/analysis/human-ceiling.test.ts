import { describe, expect, it } from 'vitest';
import { humanCeiling, spearmanBrown, splitHalfCorrelation, typicalPanel } from '../../../core/analysis/human-ceiling.js';
import { spearman } from '../../../core/analysis/rank-correlation.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

describe('human ceiling', () => {
  it('Spearman-Brown: two halves of reliability 0.5 make a panel of 2/3', () => {
    expect(spearmanBrown(0.5)).toBeCloseTo(2 / 3, 12);
    expect(spearmanBrown(0.2, 4)).toBeCloseTo(0.5, 12);
  });

  it('with two raters per item a split is the Spearman of the two raters', () => {
    const a = [1, 3, 2, 5, 4, 4];
    const b = [2, 3, 1, 4, 5, 3];
    const r = splitHalfCorrelation(
      a.map((x, i) => [x, b[i]!]),
      mulberry32(1),
    );
    expect(r).toBeCloseTo(spearman(a, b)!, 12);
  });

  it('is near 1 for raters who agree, near 0 for raters who guess', () => {
    const random = mulberry32(5);
    const quality = Array.from({ length: 300 }, () => 1 + random() * 4);
    const agree = quality.map((q) => Array.from({ length: 5 }, () => q + (random() - 0.5) * 0.2));
    const guess = quality.map(() => Array.from({ length: 5 }, () => 1 + Math.floor(random() * 5)));
    expect(humanCeiling(agree, mulberry32(1))!).toBeGreaterThan(0.99);
    expect(Math.abs(humanCeiling(guess, mulberry32(1))!)).toBeLessThan(0.15);
    expect(humanCeiling([[1], [2], [3]], mulberry32(1))).toBeNull();
    expect(typicalPanel([[1], [1, 2], [1, 2, 3], [1, 2, 3]])).toBe(3);
  });
});
