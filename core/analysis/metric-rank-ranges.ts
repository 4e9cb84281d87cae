import { bootstrapGeneratorMeans } from './bootstrap.js';
import { pairedRankRanges, type RankRange } from './rank-ranges.js';

/** One metric score of one generation; `unit` is what every generator shares (a prompt in one language). */
export interface MetricValue {
  generator: string;
  unit: string;
  value: number;
}

/**
 * Generators ranked by a metric's mean, with rank ranges from the joint bootstrap of pairwise
 * differences over prompts: each replicate draws the same prompts for every generator (a metric
 * has no raters to resample). Metric scales differ, so the tolerance is 0 unless given: the
 * interval of the difference alone decides.
 */
export function metricRankRanges(
  values: readonly MetricValue[],
  options: { direction: 'higher-is-better' | 'lower-is-better'; tolerance?: number; iterations?: number; seed?: number },
): (RankRange & { n: number })[] {
  const finite = values.filter((v) => Number.isFinite(v.value));
  if (finite.length === 0) return [];
  const { means, replicates } = bootstrapGeneratorMeans(
    finite.map((v) => ({ generator: v.generator, unit: v.unit, rater: 'metric', score: v.value })),
    { iterations: options.iterations ?? 500, seed: options.seed ?? 1 },
  );
  return pairedRankRanges(
    means.map((m) => ({ id: m.generator, mean: m.mean, low: m.low, high: m.high })),
    replicates,
    { tolerance: options.tolerance ?? 0, direction: options.direction },
  ).map((r) => ({ ...r, n: means.find((m) => m.generator === r.id)!.n }));
}
