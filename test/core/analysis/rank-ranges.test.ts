import { describe, expect, it } from 'vitest';
import { rankRanges } from '../../../core/analysis/rank-ranges.js';

describe('rankRanges', () => {
  it('gives a clear order when intervals are apart and differences exceed the tolerance', () => {
    const r = rankRanges([
      { id: 'b', mean: 3.0, low: 2.9, high: 3.1 },
      { id: 'a', mean: 4.0, low: 3.9, high: 4.1 },
    ]);
    expect(r.map((x) => [x.id, x.label])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('shares a rank range when intervals overlap', () => {
    const r = rankRanges([
      { id: 'a', mean: 4.0, low: 3.8, high: 4.2 },
      { id: 'b', mean: 3.9, low: 3.7, high: 4.1 },
      { id: 'c', mean: 2.0, low: 1.9, high: 2.1 },
    ]);
    expect(r.map((x) => x.label)).toEqual(['1–2', '1–2', '3']);
  });

  it('ties a difference below the tolerance even when the intervals are apart', () => {
    const entries = [
      { id: 'a', mean: 4.05, low: 4.04, high: 4.06 },
      { id: 'b', mean: 4.0, low: 3.99, high: 4.01 },
    ];
    expect(rankRanges(entries).map((x) => x.label)).toEqual(['1–2', '1–2']);
    expect(rankRanges(entries, 0.01).map((x) => x.label)).toEqual(['1', '2']);
  });

  it('does not chain ties: a overlaps b, b overlaps c, but a is clearly ahead of c', () => {
    const r = rankRanges([
      { id: 'a', mean: 4.0, low: 3.7, high: 4.3 },
      { id: 'b', mean: 3.5, low: 3.2, high: 3.8 },
      { id: 'c', mean: 3.0, low: 2.7, high: 3.3 },
    ]);
    expect(r.map((x) => x.label)).toEqual(['1–2', '1–3', '2–3']);
  });
});
