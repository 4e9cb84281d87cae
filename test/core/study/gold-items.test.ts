import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import type { GenerationRecord } from '../../../core/types/store.js';
import { likertGold, pairwiseGold } from '../../../core/study/gold-items.js';

const gen = (key: string, promptId: string, language: 'zh' | 'en' = 'en') =>
  ({ key, promptSetId: 'set', promptId, language }) as GenerationRecord;
const generations = [gen('p1-a', 'p1'), gen('p1-b', 'p1'), gen('p2-a', 'p2'), gen('p3-a', 'p3'), gen('zh-a', 'p4', 'zh')];
const promptOf = new Map(generations.map((g) => [g.key, g]));

describe('pairwise gold items', () => {
  it("put a prompt's media beside another prompt's media, under the first prompt, and expect its side for consistency", () => {
    const make = pairwiseGold(generations);
    const random = mulberry32(7);
    const sides = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const g = make('r1', new Set(), random);
      if (!g) continue;
      const [left, right] = g.item.split('|').map((k) => promptOf.get(k)!);
      const [low, high] = g.gold.expect['text-image-consistency']!;
      expect(low).toBe(high);
      sides.add(low);
      const own = low === 1 ? left! : right!;
      const decoy = low === 1 ? right! : left!;
      expect(g.gold.textFrom).toBe(own.key);
      expect(decoy.promptId).not.toBe(own.promptId);
      expect(decoy.language).toBe(own.language);
    }
    // Both sides occur: the left side carries no information.
    expect([...sides].sort()).toEqual([1, 2]);
  });

  it('make none where no other prompt shares the language, and none the rater already has', () => {
    expect(pairwiseGold([gen('zh-a', 'p4', 'zh'), gen('zh-b', 'p4', 'zh')])('r1', new Set(), mulberry32(1))).toBeNull();
    const only = [gen('a', 'p1'), gen('b', 'p2')];
    const taken = new Set(['a|b', 'b|a']);
    expect(pairwiseGold(only)('r1', taken, mulberry32(3))).toBeNull();
  });
});

describe('likert gold items', () => {
  it("show unseen media with another prompt's text in the same language and expect low consistency", () => {
    const g = likertGold(generations)('r1', new Set(['p1-a', 'p1-b', 'zh-a']), mulberry32(5))!;
    // Media the rater does not see among their own items.
    expect(['p2-a', 'p3-a']).toContain(g.item);
    expect(promptOf.get(g.gold.textFrom)!.promptId).not.toBe(promptOf.get(g.item)!.promptId);
    expect(promptOf.get(g.gold.textFrom)!.language).toBe(promptOf.get(g.item)!.language);
    expect(g.gold.expect).toEqual({ 'text-image-consistency': [1, 2] });
  });
});
