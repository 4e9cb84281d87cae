import { describe, expect, it } from 'vitest';
import { adjacentPairDecisions } from '../../../core/analysis/pair-decisions.js';
import { pairedRankRanges } from '../../../core/analysis/rank-ranges.js';

// Replicates built so that the difference of two entries in replicate b is a known value: every
// entry shares a shift (what resampling raters does) and `gap(b)` separates the pair under test.
const B = 401;
const shift = (b: number) => Math.sin(b);
/** Differences spread evenly over [from, to]: their 2.5% and 97.5% percentiles are known in closed form. */
const spread = (from: number, to: number) => (b: number) => from + ((to - from) * b) / (B - 1);

function pair(ahead: number, behind: number, gap: (b: number) => number) {
  const replicates = new Map([
    ['a', Array.from({ length: B }, (_, b) => ahead + shift(b) + gap(b) - (ahead - behind))],
    ['b', Array.from({ length: B }, (_, b) => behind + shift(b))],
  ]);
  return {
    entries: [
      { id: 'b', mean: behind },
      { id: 'a', mean: ahead },
    ],
    replicates,
  };
}

describe('adjacentPairDecisions', () => {
  it('calls a pair ordered exactly when pairedRankRanges ranks one clearly ahead', () => {
    const { entries, replicates } = pair(3.5, 3.1, spread(0.2, 0.6));
    const [d] = adjacentPairDecisions(entries, replicates);
    expect(d).toMatchObject({ ahead: 'a', behind: 'b', status: 'ordered' });
    expect(d!.difference).toBeCloseTo(0.4, 12);
    // Type-7 percentiles of an even grid over [0.2, 0.6]: 0.2 + 0.4 * 0.025 and 0.2 + 0.4 * 0.975.
    expect(d!.low).toBeCloseTo(0.21, 9);
    expect(d!.high).toBeCloseTo(0.59, 9);
    const ranks = pairedRankRanges(
      entries.map((e) => ({ ...e, low: null, high: null })),
      replicates,
    );
    expect(ranks.map((r) => r.label)).toEqual(['1', '2']);
  });

  it('calls a pair within the tolerance only when the whole interval of the difference is inside ±tolerance', () => {
    const inside = pair(3.02, 3.0, spread(-0.06, 0.09));
    expect(adjacentPairDecisions(inside.entries, inside.replicates)[0]!.status).toBe('within-tolerance');
    const reaching = pair(3.02, 3.0, spread(-0.06, 0.2));
    expect(adjacentPairDecisions(reaching.entries, reaching.replicates)[0]!.status).toBe('undecided');
    expect(adjacentPairDecisions(reaching.entries, reaching.replicates, { tolerance: 0.25 })[0]!.status).toBe('within-tolerance');
  });

  it('leaves undecided a clear difference below the tolerance and an interval that reaches zero', () => {
    const small = pair(3.08, 3.0, spread(0.05, 0.11));
    expect(adjacentPairDecisions(small.entries, small.replicates)[0]!.status).toBe('undecided');
    const wide = pair(3.5, 3.0, spread(-0.1, 1.1));
    expect(adjacentPairDecisions(wide.entries, wide.replicates)[0]!.status).toBe('undecided');
  });

  it('takes neighbours in the order of the point estimates', () => {
    const replicates = new Map(['x', 'y', 'z'].map((id, i) => [id, Array.from({ length: 10 }, (_, b) => 5 - i + 0.01 * b)]));
    const pairs = adjacentPairDecisions(
      [
        { id: 'z', mean: 3 },
        { id: 'x', mean: 5 },
        { id: 'y', mean: 4 },
      ],
      replicates,
    );
    expect(pairs.map((p) => [p.ahead, p.behind])).toEqual([
      ['x', 'y'],
      ['y', 'z'],
    ]);
  });

  it('names an entry without replicates', () => {
    expect(() =>
      adjacentPairDecisions(
        [
          { id: 'a', mean: 1 },
          { id: 'q', mean: 0 },
        ],
        new Map([['a', [1]]]),
      ),
    ).toThrow(/"q"/);
  });
});
