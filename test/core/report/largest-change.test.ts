import { describe, expect, it } from 'vitest';
import { largestChange, type SourcedValue } from '../../../core/report/largest-change.js';
import type { ReportGeneration } from '../../../core/report/report-data.js';

/** A value of generator g, measure m, on prompt `unit`, read from a generation whose key and media name say which run made it. */
const value = (run: string, unit: string, v: number | null, measure = 'm'): SourcedValue => ({
  generator: 'g',
  measure,
  unit,
  value: v,
  generation: {
    key: `${run}-${unit}`,
    mediaHash: `hash-${run}-${unit}`,
    mime: 'image/png',
    promptId: unit,
    language: 'en',
    text: `text ${unit}`,
  } as ReportGeneration,
});

describe('largestChange', () => {
  it('picks the prompt with the largest absolute difference, paired on the unit, skipping values one run lacks', () => {
    const before = [
      value('a', 'p1', 0.5),
      value('a', 'p2', 0.9),
      value('a', 'p3', 0.1),
      value('a', 'p4', null),
      value('a', 'p2', 5, 'other'),
    ];
    // p1 -0.1, p2 +0.3, p3 -0.6 (the largest in size, a fall), p4 has no baseline value, p5 no baseline at all.
    const after = [value('b', 'p1', 0.4), value('b', 'p2', 1.2), value('b', 'p3', -0.5), value('b', 'p4', 9), value('b', 'p5', 9)];
    expect(largestChange('g', 'm', before, after)).toEqual({
      promptId: 'p3',
      language: 'en',
      text: 'text p3',
      baseline: { key: 'a-p3', value: 0.1, mediaHash: 'hash-a-p3', mime: 'image/png' },
      candidate: { key: 'b-p3', value: -0.5, mediaHash: 'hash-b-p3', mime: 'image/png' },
    });
  });

  it('keeps the first prompt in unit order on a tie, and gives null when nothing pairs', () => {
    const before = [value('a', 'q2', 1), value('a', 'q1', 1)];
    const after = [value('b', 'q2', 2), value('b', 'q1', 0)];
    expect(largestChange('g', 'm', before, after)?.promptId).toBe('q1');
    expect(largestChange('g', 'm', before, [value('b', 'q3', 1)])).toBeNull();
    expect(largestChange('other-generator', 'm', before, after)).toBeNull();
  });
});
