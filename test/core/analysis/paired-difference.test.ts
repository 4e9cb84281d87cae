import { describe, expect, it } from 'vitest';
import { pairedDifferences, type PairedValue } from '../../../core/analysis/paired-difference.js';

const rows = (generator: string, measure: string, values: Record<string, number | null>): PairedValue[] =>
  Object.entries(values).map(([unit, value]) => ({ generator, measure, unit, value }));

describe('pairedDifferences', () => {
  it('takes the mean of per-unit differences with the t interval, computed by hand', () => {
    const base = rows('g', 'm', { u1: 1, u2: 2, u3: 3, u4: 4, u5: 5, only: 9 });
    const cand = rows('g', 'm', { u1: 2, u2: 2.5, u3: 4, u4: 5.5, u5: 6, u6: 1 });
    const [d] = pairedDifferences(base, cand);
    // Differences 1, 0.5, 1, 1.5, 1: mean 1, sd sqrt(0.5 / 4); t(0.975, 4) = 2.776445 from a printed table.
    const half = (2.776445 * Math.sqrt(0.125)) / Math.sqrt(5);
    expect(d!.pairs).toBe(5);
    expect(d!.onlyBaseline).toBe(1);
    expect(d!.onlyCandidate).toBe(1);
    expect(d!.baseline).toBeCloseTo(3, 12);
    expect(d!.candidate).toBeCloseTo(4, 12);
    expect(d!.difference).toBeCloseTo(1, 12);
    expect(d!.low).toBeCloseTo(1 - half, 5);
    expect(d!.high).toBeCloseTo(1 + half, 5);
    expect(d!.change).toBe('up');
  });

  it('calls a difference inside the noise no change, and identical values no change', () => {
    // Differences +1, -1, +1, -1: mean 0.
    const noisy = pairedDifferences(rows('g', 'm', { a: 1, b: 2, c: 3, d: 4 }), rows('g', 'm', { a: 2, b: 1, c: 4, d: 3 }));
    expect(noisy[0]!.difference).toBe(0);
    expect(noisy[0]!.change).toBeNull();
    const same = pairedDifferences(rows('g', 'm', { a: 1, b: 2 }), rows('g', 'm', { a: 1, b: 2 }));
    expect(same[0]).toMatchObject({ difference: 0, low: 0, high: 0, change: null });
  });

  it('finds a drop, keeps generators and measures apart, and leaves out null values', () => {
    const ones = { a: 1, b: 1, c: 1, d: 1, e: 1 };
    const base = [...rows('g', 'ocr', ones), ...rows('h', 'ocr', ones)];
    const cand = [...rows('g', 'ocr', { a: 0, b: 0.2, c: null, d: 0.1, e: 0 }), ...rows('h', 'ocr', ones)];
    const [g, h] = pairedDifferences(base, cand);
    expect(g).toMatchObject({ generator: 'g', measure: 'ocr', pairs: 4, onlyBaseline: 1, change: 'down' });
    expect(g!.difference).toBeCloseTo(-0.925, 12);
    expect(h).toMatchObject({ generator: 'h', pairs: 5, difference: 0, change: null });
  });

  it('has no interval from one pair and refuses a unit given twice', () => {
    expect(pairedDifferences(rows('g', 'm', { a: 1 }), rows('g', 'm', { a: 3 }))[0]).toMatchObject({
      difference: 2,
      low: null,
      change: null,
    });
    const twice = [...rows('g', 'm', { a: 1 }), ...rows('g', 'm', { a: 2 })];
    expect(() => pairedDifferences(twice, [])).toThrow(/unit "a" appears twice for g \/ m/);
  });
});
