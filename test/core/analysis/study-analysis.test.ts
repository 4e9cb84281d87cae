import { describe, expect, it } from 'vitest';
import { analyzeStudy, type StudyRating } from '../../../core/analysis/study-analysis.js';
import { simulateRatings } from '../../../core/study/simulate-ratings.js';

// A simulated study: "best" 0.7 above two generators 0.05 apart (within the 0.1 tolerance), 30
// prompts, six honest raters with personal biases, one straight-liner and one random rater.
const QUALITY = { best: 4.0, near: 3.3, nearer: 3.25 };
function study(): StudyRating[] {
  const items = Object.keys(QUALITY).flatMap((g) =>
    Array.from({ length: 30 }, (_, u) => ({ key: `${g}/p${u}`, generatorId: g, unit: `p${u}` })),
  );
  const sim = simulateRatings(items, {
    seed: 5,
    dimensions: ['realism'],
    quality: QUALITY,
    honestRaters: 6,
    raterBias: 0.4,
    itemSpread: 0.8,
  });
  const assignment = new Map(sim.assignments.map((a) => [a.id, a]));
  const item = new Map(items.map((i) => [i.key, i]));
  return sim.ratings.map((r) => {
    const a = assignment.get(r.assignmentId)!;
    const i = item.get(a.item)!;
    return {
      assignment: a.id,
      item: a.item,
      generator: i.generatorId,
      unit: i.unit,
      rater: r.raterId,
      dimension: r.dimension,
      score: r.value,
      kind: a.kind,
    };
  });
}

describe('analyzeStudy rank ranges', () => {
  const rows = study();

  it.each([false, true])(
    'gives the clearly best generator rank 1 alone and the two within noise a shared range (screened kept: %s)',
    (keepScreened) => {
      const a = analyzeStudy(rows, [], { keepScreened, iterations: 500, seed: 2 });
      expect(a.screenedOut).toEqual(['rater-random', 'rater-straight']);
      const ranking = a.dimensions[0]!.ranking;
      expect(ranking.map((r) => [r.id, r.label])).toEqual([
        ['best', '1'],
        ['near', '2–3'],
        ['nearer', '2–3'],
      ]);
      expect(a.rankedBy).toEqual({ tolerance: 0.1, iterations: 500 });
      // With the screened raters kept, the own intervals overlap: the rule they replace gave no rank 1 alone.
      if (keepScreened) expect(ranking[0]!.low!).toBeLessThan(ranking[1]!.high!);
    },
  );

  it('gives the t interval over item means beside the bootstrap, computed by hand', () => {
    const a = analyzeStudy(rows, [], { iterations: 100 });
    const best = a.dimensions[0]!.ranking.find((r) => r.id === 'best')!;
    const kept = rows.filter((r) => r.kind === 'normal' && r.generator === 'best' && !a.screenedOut.includes(r.rater));
    const itemMeans = [...new Set(kept.map((r) => r.item))].map((item) => {
      const xs = kept.filter((r) => r.item === item).map((r) => r.score);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    });
    const m = itemMeans.reduce((s, x) => s + x, 0) / 30;
    const sd = Math.sqrt(itemMeans.reduce((s, x) => s + (x - m) ** 2, 0) / 29);
    expect(best.t.items).toBe(30);
    expect(best.t.mean).toBeCloseTo(m, 12);
    // t(0.975, 29) = 2.045 (NIST table of the t distribution).
    expect(best.t.high! - m).toBeCloseTo((2.045 * sd) / Math.sqrt(30), 3);
  });

  it('gives alpha at the four levels with the pairable units and values', () => {
    // One unit rated once more by a single rater is not pairable: units and values stay as they were.
    const extra: StudyRating = { ...rows[0]!, item: 'lonely', unit: 'p0', assignment: 'x', rater: 'rater-01' };
    const alpha = analyzeStudy([...rows, extra], [], { iterations: 50 }).dimensions[0]!.alpha;
    expect(alpha.units).toBe(90);
    expect(alpha.values).toBe(90 * 6);
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) expect(alpha[level]).toBeGreaterThan(0.2);
    expect(alpha.nominal!).toBeLessThan(alpha.interval!);
  });
});
