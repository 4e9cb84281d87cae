import { z } from 'zod';
import { EstimateSchema, interval, maybe, meanCi, num } from '../schema-parts.js';

/**
 * The verdict part of report.json: what the report's first screen shows. The types of the
 * verdict data come from this schema, so the two cannot drift apart.
 */
const SourceSchema = z.enum(['human', 'arena', 'metric']);

const RankingSchema = z.strictObject({
  dimension: z.string().describe('a human dimension, or a metric id where no study ranks the generators'),
  scale: z.tuple([num, num]).describe('the axis the charts use: 1-5 for MOS, the metric range or the span of the data'),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  rows: z.array(z.strictObject({ id: z.string(), mean: maybe, ...interval, label: z.string().nullable() })),
});

const FlaggedSchema = z.strictObject({
  metric: z.string(),
  dimension: z.string().describe('the dimension its evidence is shown for: where it is strongest (text-image consistency on a tie)'),
  dimensions: z.array(z.string()).describe('every dimension the metric is flagged on, overall or on a prompt set or language'),
  group: z
    .strictObject({ by: z.enum(['set', 'language']), group: z.string() })
    .nullable()
    .describe('flagged on this prompt set or language only (its numbers are the evidence); null when flagged overall'),
  flags: z.array(z.string()),
  reasons: z.array(z.string()),
  systemTau: EstimateSchema,
  itemSpearman: EstimateSchema,
  points: z
    .array(z.strictObject({ item: z.string(), generator: z.string(), human: num, metric: num }))
    .describe('every rated item with its MOS on the dimension and its metric score: the scatter plot'),
  disagreements: z.array(z.string()).describe('the items (generation keys) where metric and people disagree most, worst first'),
});

const BreakdownRowSchema = z.strictObject({
  key: z
    .enum(['zh-en', 'count-le-3', 'count-gt-3', 'text-zh', 'text-en', 'culture', 'poetry', 'people', 'motion', 'physics'])
    .describe(
      'zh-en: paired difference on prompts made in both languages; count-*: expect.count.n; text-*: text rendering by language; culture gathers the culture, festival and craft categories',
    ),
  cells: z.array(z.strictObject({ generator: z.string(), ...meanCi })),
});

export const VerdictSchema = z
  .strictObject({
    rankings: z.strictObject({
      source: SourceSchema.describe('human: MOS of a likert study; arena: Bradley-Terry scores; metric: no study ranks them'),
      study: z.string().nullable(),
      dimensions: z.array(RankingSchema),
    }),
    metrics: z
      .strictObject({
        study: z.string(),
        trusted: z.array(z.strictObject({ metric: z.string(), dimensions: z.array(z.string()) })),
        flagged: z
          .array(FlaggedSchema)
          .describe('flagged overall first, then on a prompt set or language only; each part by strength of evidence, strongest first'),
      })
      .nullable()
      .describe('which metrics agree with people; null without a likert study (nothing to judge them by)'),
    breakdowns: z
      .strictObject({
        source: SourceSchema.exclude(['arena']),
        study: z.string().nullable(),
        basis: z.string().describe('the human dimension or the metric the breakdowns are computed on'),
        scale: z.tuple([num, num]),
        rows: z.array(BreakdownRowSchema),
        languagePairs: z
          .array(z.strictObject({ generator: z.string(), pairs: num.int(), zh: maybe, en: maybe, difference: z.strictObject(meanCi) }))
          .describe('per generator: mean of zh and of en over prompts made in both, and the paired zh - en difference'),
        categories: z.array(z.strictObject({ generator: z.string(), category: z.string(), ...meanCi })),
      })
      .nullable()
      .describe('null when neither people nor a metric scored any item'),
  })
  .describe("the report's first screen: rankings with rank ranges, metrics to trust and flagged, the breakdowns labs report");

export type Verdict = z.infer<typeof VerdictSchema>;
export type VerdictRanking = z.infer<typeof RankingSchema>;
export type FlaggedMetric = z.infer<typeof FlaggedSchema>;
export type VerdictBreakdowns = NonNullable<Verdict['breakdowns']>;
export type BreakdownKey = z.infer<typeof BreakdownRowSchema>['key'];
