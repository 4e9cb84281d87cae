import { bt500Screening } from './bt500-screening.js';
import { groupBy } from './group-by.js';
import { alphaLevels, unitsFromRatings, type AlphaLevels } from './krippendorff-alpha.js';
import type { Observation, ScreeningVerdict } from './rating-types.js';

/**
 * How far raters agree on one dimension, for ratings that name no generator (a reliability study,
 * a table from elsewhere): Krippendorff's alpha at the four levels and BT.500 observer screening,
 * which look only at items and raters. Rankings, P.913's per-generator check and agreement with
 * metrics need generators and are not given.
 */
export interface Reliability {
  dimension: string;
  raters: number;
  items: number;
  ratings: number;
  alpha: AlphaLevels;
  screening: ScreeningVerdict[];
}

export function reliability(dimension: string, rows: readonly Observation[]): Reliability {
  return {
    dimension,
    raters: groupBy(rows, (r) => r.rater).size,
    items: groupBy(rows, (r) => r.item).size,
    ratings: rows.length,
    alpha: alphaLevels(unitsFromRatings(rows)),
    screening: bt500Screening(rows),
  };
}
