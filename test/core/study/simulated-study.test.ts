import { describe, expect, it } from 'vitest';
import { simulateMetricScores, simulateRatings, type SimItem } from '../../../core/study/simulate-ratings.js';
import { analyzeStudy, type StudyRating } from '../../../core/analysis/study-analysis.js';

// The acceptance scenario: four synthetic generators of known order (two of them a
// hair apart), six honest noisy raters, one who always answers 3 and one who answers at random,
// and three metrics: one that follows quality, one reversed, one unrelated.
const QUALITY = { alpha: 4.0, beta: 3.97, gamma: 3.2, delta: 2.4 };
const ITEMS: SimItem[] = Object.keys(QUALITY).flatMap((g) =>
  Array.from({ length: 40 }, (_, p) => ({ key: `${g}/p${p}`, generatorId: g, unit: `p${p}` })),
);

function study(seed: number) {
  const sim = simulateRatings(ITEMS, { quality: QUALITY, seed });
  const byAssignment = new Map(sim.assignments.map((a) => [a.id, a]));
  const rows: StudyRating[] = sim.ratings.map((r) => {
    const a = byAssignment.get(r.assignmentId)!;
    const item = ITEMS.find((i) => i.key === a.item)!;
    return {
      assignment: a.id,
      item: a.item,
      generator: item.generatorId,
      unit: item.unit,
      rater: r.raterId,
      dimension: r.dimension,
      score: r.value,
      kind: a.kind,
    };
  });
  const metrics = Object.entries(simulateMetricScores(sim.latent, seed)).map(([id, scores]) => ({
    id,
    direction: 'higher-is-better' as const,
    scores,
  }));
  return { sim, rows, analysis: analyzeStudy(rows, metrics, { seed, iterations: 300 }) };
}

describe('a simulated study', () => {
  const { sim, rows, analysis } = study(42);

  it('is reproducible from its seed', () => {
    expect(simulateRatings(ITEMS, { quality: QUALITY, seed: 42 }).ratings).toEqual(sim.ratings);
    expect(sim.raters.map((r) => r.kind)).toEqual([...Array(6).fill('honest'), 'straight', 'random']);
    expect(sim.assignments.filter((a) => a.kind === 'repeat')).toHaveLength(16);
  });

  it('screens out both bad raters, with reasons, and keeps the honest ones', () => {
    expect(analysis.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
    expect(analysis.raters.find((r) => r.rater === 'rater-straight')!.reason).toMatch(/every score is 3/);
    expect(analysis.raters.find((r) => r.rater === 'rater-random')!.reason).toMatch(/P\.913|BT\.500/);
  });

  it('recovers the known order, with a shared rank where the difference is tiny', () => {
    for (const d of analysis.dimensions) {
      expect(
        d.ranking
          .map((r) => r.id)
          .slice(0, 2)
          .sort(),
      ).toEqual(['alpha', 'beta']);
      expect(d.ranking.map((r) => r.id).slice(2)).toEqual(['gamma', 'delta']);
      expect(d.ranking.map((r) => r.label)).toEqual(['1–2', '1–2', '3', '4']);
    }
  });

  it('has good rater agreement among the kept raters', () => {
    for (const d of analysis.dimensions) expect(d.alpha.interval!).toBeGreaterThan(0.5);
  });

  it('flags the reversed and the unrelated metric and not the good one, flagged first', () => {
    const verdict = (m: string) => analysis.agreement.filter((a) => a.metric === m).map((a) => a.flagged);
    expect(verdict('sim-good')).toEqual([false, false, false, false]);
    expect(verdict('sim-reversed')).toEqual([true, true, true, true]);
    expect(verdict('sim-unrelated')).toEqual([true, true, true, true]);
    expect(analysis.agreement.slice(0, 8).every((a) => a.flagged)).toBe(true);
    expect(analysis.agreement.find((a) => a.metric === 'sim-unrelated')!.reasons.join(' ')).toMatch(/reaches zero|below the bar/);
  });

  it('keeps screened raters in when asked, still listing them', () => {
    const withAll = analyzeStudy(rows, [], { keepScreened: true, iterations: 50 });
    expect(withAll.keptScreened).toBe(true);
    expect(withAll.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
    // The bad raters' noise lowers agreement when they are kept.
    expect(withAll.dimensions[0]!.alpha.interval!).toBeLessThan(analysis.dimensions[0]!.alpha.interval! - 0.1);
  });
});
