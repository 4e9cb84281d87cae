import { describe, expect, it } from 'vitest';
import { pairedRankRanges, type Ranked } from '../../../core/analysis/rank-ranges.js';
import { bootstrapGeneratorMeans, type Rated } from '../../../core/analysis/bootstrap.js';

// Replicates built so that every entry moves with a shared shift (what resampling raters does):
// entry i in replicate b is means[i] + shift(b) + own[i](b). The shift spans ±1, the own noise
// at most ±0.05, so each entry's own interval is about 2 points wide while every difference
// stays within 0.1 of its point value.
const B = 200;
const shift = (b: number) => ((b % 41) - 20) / 20;
const own = (i: number, b: number) => 0.05 * Math.sin(7 * b + 3 * i);
function joint(means: Record<string, number>): { entries: Ranked[]; replicates: Map<string, number[]> } {
  const ids = Object.keys(means);
  const replicates = new Map(ids.map((id, i) => [id, Array.from({ length: B }, (_, b) => means[id]! + shift(b) + own(i, b))]));
  const entries = ids.map((id) => {
    const xs = [...replicates.get(id)!].sort((a, b) => a - b);
    return { id, mean: means[id]!, low: xs[5]!, high: xs[B - 6]! };
  });
  return { entries, replicates };
}
const label = (r: { id: string; label: string }[]) => Object.fromEntries(r.map((x) => [x.id, x.label]));

describe('pairedRankRanges', () => {
  it('orders entries whose own intervals overlap when their paired differences are clear', () => {
    const { entries, replicates } = joint({ a: 4.0, b: 3.5, c: 3.0 });
    // The old rule (own intervals apart) would rank all three "1–3": every pair overlaps.
    expect(entries.every((x) => entries.every((y) => x.low! <= y.high!))).toBe(true);
    expect(label(pairedRankRanges(entries, replicates))).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('needs the point difference to exceed the tolerance', () => {
    const { entries, replicates } = joint({ a: 4.0, b: 3.85 });
    // Own noise is at most 0.05 per entry: every replicate's difference is within 0.15 ± 0.1, above zero.
    expect(label(pairedRankRanges(entries, replicates))).toEqual({ a: '1', b: '2' });
    expect(label(pairedRankRanges(entries, replicates, { tolerance: 0.2 }))).toEqual({ a: '1–2', b: '1–2' });
  });

  it('ties a difference whose interval reaches zero however large the point difference', () => {
    const entries = [
      { id: 'a', mean: 4, low: null, high: null },
      { id: 'b', mean: 3, low: null, high: null },
    ];
    // a - b is +1 in 90 replicates and -1 in 10: the 2.5th percentile is -1.
    const replicates = new Map([
      ['a', Array.from({ length: 100 }, (_, b) => (b < 10 ? 2 : 4))],
      ['b', Array.from({ length: 100 }, () => 3)],
    ]);
    expect(label(pairedRankRanges(entries, replicates))).toEqual({ a: '1–2', b: '1–2' });
  });

  it('does not chain ties: a is within the noise of b, b of c, but a is clearly ahead of c', () => {
    const { entries, replicates } = joint({ a: 4.0, b: 3.95, c: 3.9 - 0.01 });
    expect(label(pairedRankRanges(entries, replicates))).toEqual({ a: '1–2', b: '1–3', c: '2–3' });
  });

  it('ranks the lowest first for a metric where lower is better', () => {
    const { entries, replicates } = joint({ a: 0.2, b: 0.6 });
    const r = pairedRankRanges(entries, replicates, { tolerance: 0, direction: 'lower-is-better' });
    expect(r.map((x) => [x.id, x.label])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('names the entry without replicates and refuses replicates of different bootstraps', () => {
    const { entries, replicates } = joint({ a: 4, b: 3 });
    expect(() => pairedRankRanges(entries, new Map([['a', replicates.get('a')!]]))).toThrow(/no bootstrap replicates for "b"/);
    expect(() => pairedRankRanges(entries, new Map([...replicates, ['b', [1, 2]]]))).toThrow(/"a" and "b" come from different bootstraps/);
  });
});

describe('rank ranges from ratings', () => {
  // The case: three generators 0.5 apart, rated by six raters whose biases (−1 to +1)
  // dwarf the differences. Every rater rates every item; item effects are the generator's own.
  const BIAS = [-1, -0.6, -0.2, 0.2, 0.6, 1];
  const QUALITY: Record<string, number> = { a: 3.5, b: 3.0, c: 2.95 };
  const rows: Rated[] = [];
  for (const [g, q] of Object.entries(QUALITY))
    for (let u = 0; u < 20; u++)
      BIAS.forEach((bias, r) =>
        rows.push({ generator: g, unit: `u${u}`, rater: `r${r}`, score: q + 0.3 * Math.sin(u * 5 + g.charCodeAt(0)) + bias }),
      );

  it('gives the generator 0.5 ahead rank 1 alone where own intervals overlap (the old "1–3")', () => {
    const { means, replicates } = bootstrapGeneratorMeans(rows, { iterations: 500, seed: 3 });
    const a = means.find((m) => m.generator === 'a')!;
    const b = means.find((m) => m.generator === 'b')!;
    expect(a.low!).toBeLessThan(b.high!);
    const r = pairedRankRanges(
      means.map((m) => ({ id: m.generator, mean: m.mean, low: m.low, high: m.high })),
      replicates,
    );
    expect(label(r)).toEqual({ a: '1', b: '2–3', c: '2–3' });
  });
});
