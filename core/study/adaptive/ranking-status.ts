import { adjacentPairDecisions, arenaBootstrap, bootstrapGeneratorMeans, groupBy, type PairDecision } from '../../analysis/index.js';
import { DIMENSIONS } from '../../types/index.js';
import type { Observations } from './allocation-data.js';

/** Dimensions in the order raters see them; any other name after them, alphabetically. */
const byDimension = ([a]: [string, unknown], [b]: [string, unknown]) => {
  const rank = (d: string) => (DIMENSIONS as readonly string[]).indexOf(d) >>> 0;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
};

export interface DimensionStatus {
  dimension: string;
  /** Neighbours in the order of the point estimates (MOS, or Elo in arena studies), each decided or not. */
  pairs: PairDecision[];
  /** Arena studies: each generator's Bradley-Terry log-strength, for the chance that one beats another; null for MOS. */
  strength: Record<string, number> | null;
  /** The study's generators without a rating on this dimension yet: their place is open. */
  unrated: string[];
}

export interface RankingStatus {
  dimensions: DimensionStatus[];
  /** The stop rule: every neighbouring pair on every dimension is ordered or within the tolerance. */
  decided: boolean;
}

export interface RankingStatusOptions {
  /** On the 5-point scale for MOS; arena studies decide by the interval alone (Elo tolerance 0). */
  tolerance: number;
  /** A modest count: the status is computed while raters wait. */
  iterations?: number;
  seed?: number;
}

/**
 * Where the ranking stands, per dimension: the same joint bootstrap of differences the report's
 * rank ranges use (MOS over prompts and raters; Bradley-Terry over votes), read as decisions on
 * neighbouring pairs. No ratings yet, or a dimension where a generator has none, is not decided.
 */
export function rankingStatus(observations: Observations, generators: readonly string[], o: RankingStatusOptions): RankingStatus {
  const iterations = o.iterations ?? 200;
  const seed = o.seed ?? 1;
  const dimensions: DimensionStatus[] = [];
  if (observations.mode === 'likert') {
    for (const [dimension, rows] of [...groupBy(observations.scores, (r) => r.dimension)].sort(byDimension)) {
      const { means, replicates } = bootstrapGeneratorMeans(
        rows.map((r) => ({ generator: r.generator, unit: r.prompt, rater: r.rater, score: r.score })),
        { iterations, seed },
      );
      const pairs = adjacentPairDecisions(
        means.map((m) => ({ id: m.generator, mean: m.mean })),
        replicates,
        { tolerance: o.tolerance },
      );
      dimensions.push({ dimension, pairs, strength: null, unrated: generators.filter((g) => !means.some((m) => m.generator === g)) });
    }
  } else {
    for (const [dimension, rows] of [...groupBy(observations.votes, (r) => r.dimension)].sort(byDimension)) {
      const { fit, elo, replicates } = arenaBootstrap(
        rows.map((r) => r.vote),
        { iterations, seed },
      );
      const pairs = adjacentPairDecisions(
        [...elo].map(([id, mean]) => ({ id, mean })),
        replicates,
        { tolerance: 0 },
      );
      dimensions.push({ dimension, pairs, strength: fit.logStrength, unrated: generators.filter((g) => !elo.has(g)) });
    }
  }
  const decided =
    dimensions.length > 0 && dimensions.every((d) => d.unrated.length === 0 && d.pairs.every((p) => p.status !== 'undecided'));
  return { dimensions, decided };
}
