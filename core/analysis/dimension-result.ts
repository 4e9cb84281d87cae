import { bootstrapGeneratorMeans } from './bootstrap.js';
import { groupBy } from './group-by.js';
import { alphaLevels, unitsFromRatings, type AlphaLevels } from './krippendorff-alpha.js';
import { meanCi } from './mean-ci.js';
import { pairedRankRanges, type RankRange } from './rank-ranges.js';

export interface DimensionRow {
  item: string;
  generator: string;
  unit: string;
  rater: string;
  score: number;
}

export interface RankingEntry extends RankRange {
  /** Ratings behind the MOS. */
  n: number;
  /**
   * The t interval of BT.500 and P.913 beside the bootstrap: over the generator's item means
   * (mean of item MOS ± t(0.975, items - 1) · s / √items); it counts prompts, not raters, as the sample.
   */
  t: { items: number; mean: number | null; low: number | null; high: number | null };
}

export interface DimensionResult {
  dimension: string;
  ranking: RankingEntry[];
  /** Krippendorff's alpha at the four levels, over the pairable units (rated twice or more) and their values. */
  alpha: AlphaLevels;
}

export interface DimensionOptions {
  tolerance?: number;
  seed?: number;
  iterations?: number;
}

/** One dimension's ranking (rank ranges from the joint bootstrap of differences), t intervals and alpha. */
export function dimensionResult(dimension: string, rows: readonly DimensionRow[], options: DimensionOptions = {}): DimensionResult {
  const { means, replicates } = bootstrapGeneratorMeans(rows, { seed: options.seed ?? 1, iterations: options.iterations ?? 500 });
  const itemMeans = new Map(
    [...groupBy(rows, (r) => r.generator)].map(([generator, list]) => [
      generator,
      [...groupBy(list, (r) => r.item).values()].map((l) => l.reduce((a, r) => a + r.score, 0) / l.length),
    ]),
  );
  const ranking = pairedRankRanges(
    means.map((m) => ({ id: m.generator, mean: m.mean, low: m.low, high: m.high })),
    replicates,
    { tolerance: options.tolerance ?? 0.1 },
  ).map((r) => {
    const { n, mean, low, high } = meanCi(itemMeans.get(r.id)!);
    return { ...r, n: means.find((m) => m.generator === r.id)!.n, t: { items: n, mean, low, high } };
  });
  return { dimension, ranking, alpha: alphaLevels(unitsFromRatings(rows)) };
}
