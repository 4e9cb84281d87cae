import { mulberry32 } from '../types/index.js';

export interface Interval {
  low: number | null;
  high: number | null;
}

/** The percentile interval of bootstrap replicates (non-finite replicates are left out). */
export function percentileInterval(samples: readonly number[], level = 0.95): Interval {
  const xs = samples.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return { low: null, high: null };
  const at = (p: number) => {
    // Linear interpolation between order statistics (type 7, the default of R's quantile()).
    const h = (xs.length - 1) * p;
    const lo = Math.floor(h);
    return xs[lo]! + (h - lo) * ((xs[Math.min(lo + 1, xs.length - 1)] ?? xs[lo]!) - xs[lo]!);
  };
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/** Counts of each index drawn n times with replacement: the multiplicities of one bootstrap replicate. */
export function resampleCounts(n: number, random: () => number): number[] {
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
  return counts;
}

/** Runs `statistic` on `iterations` resamples of the units (with replacement) and returns the replicates. */
export function bootstrapUnits<T>(
  units: readonly T[],
  statistic: (sample: T[]) => number,
  options: { iterations?: number; seed?: number } = {},
): number[] {
  const random = mulberry32(options.seed ?? 1);
  const out: number[] = [];
  for (let b = 0; b < (options.iterations ?? 1000); b++) {
    const sample: T[] = [];
    for (let i = 0; i < units.length; i++) sample.push(units[Math.floor(random() * units.length)]!);
    out.push(statistic(sample));
  }
  return out;
}

export interface Rated {
  generator: string;
  /** The unit shared by every generator (a prompt in one language): items are resampled by it. */
  unit: string;
  rater: string;
  score: number;
}

export interface GeneratorMean extends Interval {
  generator: string;
  n: number;
  mean: number;
}

export interface JointBootstrap {
  means: GeneratorMean[];
  /**
   * Replicate b of every generator's mean, drawn from the same units and raters for all of them
   * (NaN where none of a generator's ratings was drawn), so that differences can be taken per replicate.
   */
  replicates: Map<string, number[]>;
}

/**
 * Generator means with a two-level bootstrap: each replicate draws units and raters with
 * replacement and weights every rating by (times its unit was drawn) x (times its rater was
 * drawn), so both the prompt sample and the rater sample add to the width of the interval.
 */
export function bootstrapGeneratorMeans(
  rows: readonly Rated[],
  options: { iterations?: number; seed?: number; level?: number } = {},
): JointBootstrap {
  const units = [...new Set(rows.map((r) => r.unit))];
  const raters = [...new Set(rows.map((r) => r.rater))];
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const generators = [...new Set(rows.map((r) => r.generator))].sort();
  const byGen = new Map(
    generators.map((g) => [
      g,
      rows.filter((r) => r.generator === g).map((r) => [unitIndex.get(r.unit)!, raterIndex.get(r.rater)!, r.score] as const),
    ]),
  );
  const random = mulberry32(options.seed ?? 1);
  const replicates = new Map<string, number[]>(generators.map((g) => [g, []]));
  for (let b = 0; b < (options.iterations ?? 1000); b++) {
    const uw = resampleCounts(units.length, random);
    const rw = resampleCounts(raters.length, random);
    for (const g of generators) {
      let sum = 0;
      let weight = 0;
      for (const [u, r, s] of byGen.get(g)!) {
        const w = uw[u]! * rw[r]!;
        sum += w * s;
        weight += w;
      }
      replicates.get(g)!.push(weight > 0 ? sum / weight : NaN);
    }
  }
  const means = generators.map((g) => {
    const own = byGen.get(g)!;
    return {
      generator: g,
      n: own.length,
      mean: own.reduce((a, x) => a + x[2], 0) / own.length,
      ...percentileInterval(replicates.get(g)!, options.level),
    };
  });
  return { means, replicates };
}
