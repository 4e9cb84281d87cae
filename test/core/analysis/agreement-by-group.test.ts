import { describe, expect, it } from 'vitest';
import { simulateMetricScores, simulateRatings } from '../../../core/study/simulate-ratings.js';
import { analyzeStudy, type MetricColumn, type StudyRating } from '../../../core/analysis/study-analysis.js';
import { agreementByGroup, MIN_GROUP_ITEMS } from '../../../core/analysis/agreement-by-group.js';

// Four generators of known order, three prompt sets of 16 prompts, each in zh and en; every
// item rated by six honest raters (and the two bad ones, who are screened out).
const QUALITY = { a: 4.1, b: 3.5, c: 2.9, d: 2.3 };
const SETS = ['counting', 'text-rendering', 'zh-core'];
const ITEMS = Object.keys(QUALITY).flatMap((g) =>
  SETS.flatMap((set) =>
    Array.from({ length: 16 }, (_, p) =>
      (['zh', 'en'] as const).map((language) => ({
        key: `${g}/${set}/p${p}/${language}`,
        generatorId: g,
        set,
        language,
        unit: `${set}/p${p}/${language}`,
      })),
    ),
  ).flat(),
);

function study(seed: number) {
  const sim = simulateRatings(ITEMS, { quality: QUALITY, seed, dimensions: ['text-image-consistency'] });
  const byKey = new Map(ITEMS.map((i) => [i.key, i]));
  const assignment = new Map(sim.assignments.map((a) => [a.id, a]));
  const rows: StudyRating[] = sim.ratings.map((r) => {
    const a = assignment.get(r.assignmentId)!;
    const item = byKey.get(a.item)!;
    return {
      assignment: a.id,
      item: a.item,
      generator: item.generatorId,
      unit: item.unit,
      set: item.set,
      language: item.language,
      rater: r.raterId,
      dimension: r.dimension,
      score: r.value,
      kind: a.kind,
    };
  });
  const sims = simulateMetricScores(sim.latent, seed);
  // A metric that follows quality everywhere except on text rendering, where it is noise (a broken OCR).
  const failsOnText: Record<string, number> = Object.fromEntries(
    ITEMS.map((i) => [i.key, (i.set === 'text-rendering' ? sims['sim-unrelated'] : sims['sim-good'])[i.key]!]),
  );
  // One that is constant on Chinese prompts (exact match that never matches Chinese text).
  const deafToZh: Record<string, number> = Object.fromEntries(
    ITEMS.map((i) => [i.key, i.language === 'zh' ? 0 : sims['sim-good'][i.key]!]),
  );
  const metrics: MetricColumn[] = [
    { id: 'good', direction: 'higher-is-better', scores: sims['sim-good'] },
    { id: 'fails-on-text', direction: 'higher-is-better', scores: failsOnText },
    { id: 'deaf-to-zh', direction: 'higher-is-better', scores: deafToZh },
  ];
  return analyzeStudy(rows, metrics, { seed, iterations: 100 });
}

describe('agreement per prompt set and language', () => {
  const analysis = study(5);
  const of = (metric: string) => analysis.agreement.find((a) => a.metric === metric)!;
  const flaggedGroups = (metric: string) =>
    of(metric)
      .byGroup.filter((g) => g.flagged)
      .map((g) => `${g.by}:${g.group}`);

  it('computes item-level agreement with intervals for every set and language', () => {
    expect(of('good').byGroup.map((g) => `${g.by}:${g.group}`)).toEqual([
      'set:counting',
      'set:text-rendering',
      'set:zh-core',
      'language:en',
      'language:zh',
    ]);
    for (const g of of('good').byGroup) {
      expect(g.itemSpearman.low!).toBeGreaterThan(0);
      expect(g.itemSpearman.high!).toBeGreaterThanOrEqual(g.itemSpearman.value!);
    }
    expect(flaggedGroups('good')).toEqual([]);
    expect(of('good').flagged).toBe(false);
  });

  it('flags a metric that fails on one set there and nowhere else, even when the pooled verdict is fine', () => {
    expect(flaggedGroups('fails-on-text')).toEqual(['set:text-rendering']);
    const text = of('fails-on-text').byGroup.find((g) => g.group === 'text-rendering')!;
    expect(text.flags).toEqual(['item-reaches-zero']);
    expect(text.reasons[0]).toMatch(/item-level Spearman .* reaches zero/);
    expect(text.disagreements.every((d) => d.item.includes('/text-rendering/'))).toBe(true);
    expect(of('fails-on-text').flagged).toBe(false);
  });

  it('flags a metric that is constant on Chinese prompts on zh only', () => {
    expect(flaggedGroups('deaf-to-zh')).toEqual(['language:zh']);
    expect(of('deaf-to-zh').byGroup.find((g) => g.group === 'zh')!.flags).toEqual(['item-undefined']);
  });

  it('puts pairs flagged on a group after the pooled flags and before the rest', () => {
    const rank = (a: (typeof analysis.agreement)[number]) => (a.flagged ? 0 : a.byGroup.some((g) => g.flagged) ? 1 : 2);
    // Constant on half the items, deaf-to-zh is also weak pooled: far below how well raters agree with each other.
    expect(analysis.agreement.map((a) => [a.metric, rank(a)])).toEqual([
      ['deaf-to-zh', 0],
      ['fails-on-text', 1],
      ['good', 2],
    ]);
    expect(of('deaf-to-zh').flags).toEqual(['below-ceiling']);
    expect(analysis.agreement.at(-1)!.metric).toBe('good');
  });

  it('leaves out a key with one value and groups too small to judge', () => {
    const rows = Array.from({ length: MIN_GROUP_ITEMS + 3 }, (_, i) => ({
      item: `i${i}`,
      system: `s${i % 3}`,
      unit: `u${i}`,
      human: i,
      metric: i,
      groups: { set: 'only', language: i < MIN_GROUP_ITEMS ? 'zh' : 'en' },
    }));
    expect(agreementByGroup(rows, { iterations: 20 }).map((g) => `${g.by}:${g.group}`)).toEqual(['language:zh']);
  });
});
