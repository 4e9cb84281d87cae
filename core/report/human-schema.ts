import { z } from 'zod';
import { EstimateSchema, interval, maybe, meanCi, num } from './schema-parts.js';

/** The human part of report.json (and study-report.json): metric agreement, likert analysis, arena scores. */
const AgreementFlagSchema = z.enum([
  'system-undefined',
  'system-below-bar',
  'system-below-zero',
  'system-reaches-zero',
  'item-undefined',
  'item-below-zero',
  'item-reaches-zero',
  'below-ceiling',
]);
const CalibratedSchema = z
  .strictObject({
    value: maybe,
    ...interval,
    epsilon: maybe,
    crossValidated: z
      .strictObject({ value: maybe, folds: num.int(), epsilons: z.array(maybe) })
      .describe('acc_eq on held-out folds of prompts, each at the epsilon chosen on the other folds'),
  })
  .describe(
    'tie-calibrated acc_eq (Deutsch et al. 2023): value and epsilon chosen on the same data (optimistic); crossValidated chosen on other folds',
  );

const agreement = {
  items: num.int(),
  systems: num.int(),
  systemTau: EstimateSchema.describe('Kendall tau-b between generator means of the metric and of the MOS'),
  itemSpearman: EstimateSchema.describe('Spearman rho across rated items'),
  itemKendall: EstimateSchema,
  itemPearson: EstimateSchema,
  pairwiseAccuracy: EstimateSchema.describe('acc_eq of Deutsch et al. 2023: pairwise accuracy with ties, epsilon 0'),
  tieCalibrated: CalibratedSchema,
  grouped: z
    .strictObject({ groups: num.int(), pairwiseAccuracy: EstimateSchema, tieCalibrated: CalibratedSchema })
    .nullable()
    .describe('pairwise accuracy within each prompt (systems ranked per prompt), averaged over prompts'),
  ceiling: z
    .strictObject({ value: maybe, ...interval, panel: num.int(), items: num.int() })
    .nullable()
    .describe('split-half Spearman of raters against raters, Spearman-Brown to the full panel'),
  ofCeiling: EstimateSchema.nullable().describe('item-level Spearman as a fraction of the ceiling'),
  minSystemTau: num,
  minCeilingFraction: num,
  flagged: z.boolean(),
  flags: z.array(AgreementFlagSchema),
  reasons: z.array(z.string()),
  disagreements: z
    .array(
      z.strictObject({
        item: z.string(),
        system: z.string(),
        unit: z.string(),
        human: num,
        metric: num,
        groups: z.strictObject({ set: z.string().optional(), language: z.string().optional() }).optional(),
        humanRank: num,
        metricRank: num,
      }),
    )
    .describe('the items whose rank by the metric is furthest from their rank by people'),
};

const GroupAgreementSchema = z
  .strictObject({ ...agreement, by: z.enum(['set', 'language']), group: z.string() })
  .describe('item-level agreement within one prompt set or language; flagged on item level only');

/** A rater's screening verdict. */
export const screeningVerdict = {
  rater: z.string(),
  rejected: z.boolean(),
  reason: z.string(),
  findings: z
    .array(
      z.strictObject({
        check: z.enum(['bt500', 'p913-flat', 'p913', 'p913-generator', 'gold', 'repeats']),
        values: z.record(z.string(), z.union([z.string(), num])),
      }),
    )
    .describe('why the checks rejected the rater, as codes with their numbers'),
  details: z.record(z.string(), maybe),
};

export const AlphaSchema = z
  .strictObject({ nominal: maybe, ordinal: maybe, interval: maybe, ratio: maybe, units: num.int(), values: num.int() })
  .describe("Krippendorff's alpha at four levels, over the pairable units (rated twice or more) and their values");

const StudyAnalysisSchema = z.strictObject({
  raters: z.array(z.strictObject({ ...screeningVerdict, ratings: num.int() })),
  screenedOut: z.array(z.string()),
  keptScreened: z.boolean(),
  rankedBy: z
    .strictObject({ tolerance: num, iterations: num.int() })
    .describe('rank ranges come from the joint bootstrap of pairwise differences over raters and prompts, with this tolerance'),
  dimensions: z.array(
    z.strictObject({
      dimension: z.string(),
      ranking: z.array(
        z.strictObject({
          id: z.string(),
          mean: num,
          ...interval,
          best: num.int(),
          worst: num.int(),
          label: z.string().describe('"1", or "2–4" when the order is within the noise'),
          n: num.int(),
          t: z
            .strictObject({ items: num.int(), mean: maybe, ...interval })
            .describe("the t interval over the generator's item means (BT.500, P.913), beside the bootstrap"),
        }),
      ),
      alpha: AlphaSchema,
    }),
  ),
  agreement: z
    .array(z.strictObject({ ...agreement, metric: z.string(), dimension: z.string(), byGroup: z.array(GroupAgreementSchema) }))
    .describe('every metric against every human dimension, flagged pairs first, then pairs flagged on one prompt set or language'),
  itemMos: z.record(z.string(), z.record(z.string(), num)).describe('MOS per dimension and item'),
});

export const HumanStudySchema = z.strictObject({
  study: z.strictObject({ id: z.string(), name: z.string(), mode: z.enum(['likert', 'pairwise']), source: z.string(), ratings: num.int() }),
  analysis: StudyAnalysisSchema.nullable().describe('likert studies; null for pairwise ones'),
  arena: z
    .array(
      z.strictObject({
        dimension: z.string(),
        scores: z.array(
          z.strictObject({
            player: z.string(),
            elo: num,
            ...interval,
            votes: num.int(),
            best: num.int(),
            worst: num.int(),
            label: z.string(),
          }),
        ),
      }),
    )
    .nullable()
    .describe(
      'Bradley-Terry scores on the Elo scale (pairwise studies); intervals and rank ranges from the joint bootstrap of raters and prompts',
    ),
  breakdowns: z.array(z.strictObject({ ...meanCi, dimension: z.string(), key: z.string(), value: z.string(), generator: z.string() })),
  languageGaps: z
    .array(z.strictObject({ ...meanCi, dimension: z.string(), generator: z.string(), pairs: num.int() }))
    .describe('MOS of the zh version minus the en version of the same prompt'),
  items: z.record(
    z.string(),
    z.strictObject({
      generator: z.string(),
      promptId: z.string(),
      language: z.string(),
      text: z.string(),
      mediaHash: z.string().nullable(),
      mime: z.string().nullable(),
    }),
  ),
});
