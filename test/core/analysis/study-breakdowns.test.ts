import { describe, expect, it } from 'vitest';
import { breakdowns, countBucket, languageGaps, type ItemFacts } from '../../../core/analysis/study-breakdowns.js';

const facts = new Map<string, ItemFacts>([
  ['g1/p1/zh', { generator: 'g1', prompt: 'p1', language: 'zh', groups: { count: 'n ≤ 3' } }],
  ['g1/p1/en', { generator: 'g1', prompt: 'p1', language: 'en', groups: { count: 'n ≤ 3' } }],
  ['g1/p2/zh', { generator: 'g1', prompt: 'p2', language: 'zh', groups: { count: 'n > 3' } }],
  ['g1/p2/en', { generator: 'g1', prompt: 'p2', language: 'en', groups: { count: 'n > 3' } }],
  ['g1/p3/en', { generator: 'g1', prompt: 'p3', language: 'en', groups: {} }],
]);
const itemMos = { realism: { 'g1/p1/zh': 2, 'g1/p1/en': 4, 'g1/p2/zh': 1, 'g1/p2/en': 4, 'g1/p3/en': 5 } };

describe('study breakdowns', () => {
  it('gives MOS per breakdown value and generator', () => {
    const b = breakdowns(itemMos, facts);
    expect(b.map((c) => [c.value, c.mean, c.n])).toEqual([
      ['n > 3', 2.5, 2],
      ['n ≤ 3', 3, 2],
    ]);
  });

  it('pairs zh and en versions of the same prompt and leaves unpaired prompts out', () => {
    const [gap] = languageGaps(itemMos, facts);
    expect(gap!.pairs).toBe(2);
    expect(gap!.mean).toBe(-2.5); // (2-4 + 1-4) / 2
  });

  it('buckets counting prompts by tag, else by the expected count', () => {
    expect(countBucket(['n-gt-3'], 2)).toBe('n > 3');
    expect(countBucket([], 3)).toBe('n ≤ 3');
    expect(countBucket([], 4)).toBe('n > 3');
    expect(countBucket([], undefined)).toBeUndefined();
  });
});
