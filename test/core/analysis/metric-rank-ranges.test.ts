import { describe, expect, it } from 'vitest';
import { metricRankRanges, type MetricValue } from '../../../core/analysis/metric-rank-ranges.js';

// 40 prompts whose difficulty (spread over ±0.5) every generator shares, plus a generator's
// offset and, per generation, its own deviation of amplitude `own`.
function scores(offsets: Record<string, number>, own: number): MetricValue[] {
  return Object.entries(offsets).flatMap(([generator, offset], g) =>
    Array.from({ length: 40 }, (_, u) => ({
      generator,
      unit: `p${u}`,
      value: offset + ((u * 37) % 40) / 40 - 0.5 + own * Math.sin(11 * u + 5 * g),
    })),
  );
}
const labels = (r: { id: string; label: string }[]) => r.map((x) => [x.id, x.label]);

describe('metricRankRanges', () => {
  it('orders generators 0.05 apart on prompts they share, though their own intervals overlap', () => {
    const r = metricRankRanges(scores({ a: 0.6, b: 0.55, c: 0.5 }, 0.01), { direction: 'higher-is-better', seed: 4 });
    expect(r[0]!.low!).toBeLessThan(r[1]!.high!);
    expect(labels(r)).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    expect(r.map((x) => x.n)).toEqual([40, 40, 40]);
  });

  it('ranks the lowest first where lower is better', () => {
    const r = metricRankRanges(scores({ a: 0.6, b: 0.55 }, 0.01), { direction: 'lower-is-better', seed: 4 });
    expect(labels(r)).toEqual([
      ['b', '1'],
      ['a', '2'],
    ]);
  });

  it('shares a range when the generators differ per prompt by more than their offsets', () => {
    const r = metricRankRanges(scores({ a: 0.6, b: 0.55, c: 0.2 }, 0.4), { direction: 'higher-is-better', seed: 4 });
    expect(labels(r)).toEqual([
      ['a', '1–2'],
      ['b', '1–2'],
      ['c', '3'],
    ]);
  });

  it('leaves out values that are not numbers and has no ranking without any', () => {
    const rows = [...scores({ a: 0.6, b: 0.5 }, 0.01), { generator: 'a', unit: 'p0', value: NaN }];
    expect(metricRankRanges(rows, { direction: 'higher-is-better' }).map((x) => x.n)).toEqual([40, 40]);
    expect(metricRankRanges([], { direction: 'higher-is-better' })).toEqual([]);
  });
});
