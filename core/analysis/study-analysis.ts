import { bt500Screening } from './bt500-screening.js';
import { dimensionResult, type DimensionResult } from './dimension-result.js';
import { metricAgreement, type Agreement } from './metric-agreement.js';
import { agreementByGroup, type GroupAgreement } from './agreement-by-group.js';
import { p913Screening } from './p913-screening.js';
import { combineScreening, goldFailures, repeatInconsistency, type GoldAnswer } from './rater-checks.js';
import { groupBy } from './group-by.js';
import type { ScreeningVerdict } from './rating-types.js';

/** One score, with what the analysis needs to know about its item. */
export interface StudyRating {
  /** The assignment it answers (gold answers are keyed by it). */
  assignment: string;
  /** The generation rated. */
  item: string;
  generator: string;
  /** What every generator shares: one prompt in one language. */
  unit: string;
  /** The prompt set and the prompt's language, when known: agreement is also computed per each. */
  set?: string;
  language?: string;
  rater: string;
  dimension: string;
  score: number;
  kind: 'normal' | 'gold' | 'repeat';
}

export interface MetricColumn {
  id: string;
  direction: 'higher-is-better' | 'lower-is-better';
  /** By generation key; null where the metric does not apply. */
  scores: Record<string, number | null>;
}

export interface AnalysisOptions {
  /** MOS differences up to this share a rank (default 0.1 on the 5-point scale). */
  tolerance?: number;
  minSystemTau?: number;
  /** Flag as weak a metric clearly below this fraction of the human ceiling (default 0.5). */
  minCeilingFraction?: number;
  /** Keep screened raters in the results (they are still listed). */
  keepScreened?: boolean;
  gold?: readonly (GoldAnswer & { dimension: string })[];
  seed?: number;
  iterations?: number;
}

export interface MetricDimensionAgreement extends Agreement {
  metric: string;
  dimension: string;
  /** The same per prompt set and per language. */
  byGroup: GroupAgreement[];
}

export interface StudyAnalysis {
  raters: (ScreeningVerdict & { ratings: number })[];
  screenedOut: string[];
  keptScreened: boolean;
  /** How rank ranges were made: the joint bootstrap of pairwise differences, with this tolerance and this many replicates. */
  rankedBy: { tolerance: number; iterations: number };
  dimensions: DimensionResult[];
  /** Every (metric, dimension) pair, the flagged ones first, then those flagged on one prompt set or language. */
  agreement: MetricDimensionAgreement[];
  /** Item MOS per dimension from the raters kept, for breakdowns. */
  itemMos: Record<string, Record<string, number>>;
}

/** Screening, MOS with rank ranges, alpha and metric agreement for one study: pure, from rows in memory. */
export function analyzeStudy(
  ratings: readonly StudyRating[],
  metrics: readonly MetricColumn[],
  options: AnalysisOptions = {},
): StudyAnalysis {
  const seed = options.seed ?? 1;
  const rankedBy = { tolerance: options.tolerance ?? 0.1, iterations: options.iterations ?? 500 };
  const normal = ratings.filter((r) => r.kind === 'normal');
  const pooled = normal.map((r) => ({ item: `${r.item}/${r.dimension}`, rater: r.rater, score: r.score }));
  const generatorOf = new Map(normal.map((r) => [`${r.item}/${r.dimension}`, `${r.generator}/${r.dimension}`]));
  const gold = options.gold ?? [];
  const verdicts = combineScreening(
    bt500Screening(pooled),
    p913Screening(pooled, { conditionOf: (item) => generatorOf.get(item)! }),
    goldFailures(
      ratings.filter((r) => r.kind === 'gold').map((r) => ({ item: `${r.assignment}/${r.dimension}`, rater: r.rater, score: r.score })),
      gold.map((g) => ({ ...g, item: `${g.item}/${g.dimension}` })),
    ),
    repeatInconsistency(
      ratings.filter((r) => r.kind !== 'gold').map((r) => ({ item: `${r.item}/${r.dimension}`, rater: r.rater, score: r.score })),
    ),
  );
  const count = groupBy(ratings, (r) => r.rater);
  const raters = verdicts.map((v) => ({ ...v, ratings: count.get(v.rater)?.length ?? 0 }));
  const screenedOut = raters.filter((r) => r.rejected).map((r) => r.rater);
  const kept = options.keepScreened ? normal : normal.filter((r) => !screenedOut.includes(r.rater));

  const dimensions: DimensionResult[] = [];
  const itemMos: Record<string, Record<string, number>> = {};
  const panels: Record<string, Map<string, number[]>> = {};
  for (const [dimension, rows] of [...groupBy(kept, (r) => r.dimension)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    dimensions.push(dimensionResult(dimension, rows, { ...rankedBy, seed }));
    panels[dimension] = new Map([...groupBy(rows, (r) => r.item)].map(([item, l]) => [item, l.map((r) => r.score)]));
    itemMos[dimension] = Object.fromEntries(
      [...panels[dimension]].map(([item, scores]) => [item, scores.reduce((a, b) => a + b, 0) / scores.length]),
    );
  }

  const itemInfo = new Map(normal.map((r) => [r.item, r]));
  const agreement = metrics
    .flatMap((metric) =>
      dimensions.map(({ dimension }) => {
        const rows = Object.entries(itemMos[dimension]!).flatMap(([item, human]) => {
          const m = metric.scores[item];
          const info = itemInfo.get(item)!;
          return m === null || m === undefined || !Number.isFinite(m)
            ? []
            : [
                {
                  item,
                  system: info.generator,
                  unit: info.unit,
                  human,
                  metric: m,
                  ratings: panels[dimension]!.get(item),
                  groups: { set: info.set, language: info.language },
                },
              ];
        });
        const agreementOptions = {
          direction: metric.direction,
          minSystemTau: options.minSystemTau,
          minCeilingFraction: options.minCeilingFraction,
          seed,
          iterations: 200,
        };
        return {
          metric: metric.id,
          dimension,
          ...metricAgreement(rows, agreementOptions),
          byGroup: agreementByGroup(rows, agreementOptions),
        };
      }),
    )
    .filter((a) => a.items >= 3);
  const order = (a: MetricDimensionAgreement) => (a.flagged ? 0 : a.byGroup.some((g) => g.flagged) ? 1 : 2);
  agreement.sort((a, b) => order(a) - order(b));
  return { raters, screenedOut, keptScreened: options.keepScreened ?? false, rankedBy, dimensions, agreement, itemMos };
}
