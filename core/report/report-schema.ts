import { z } from 'zod';
import { FAILURE_CATEGORIES } from './report-failures.js';

/**
 * The schema of report.json. The writer types its output with it (ReportJson) and writes its JSON
 * Schema as report.schema.json beside it; a test validates written reports against that file.
 * Objects are strict, so a field added to the report data without a line here fails the test.
 */
const num = z.number();
const maybe = num.nullable();
const interval = { low: maybe, high: maybe };
const meanCi = { n: num.int(), mean: maybe, sd: maybe, ...interval };
const MeanCiSchema = z.strictObject(meanCi);

const EstimateSchema = z.strictObject({ value: maybe, ...interval });

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

const spendLine = {
  done: num.int(),
  costUsd: num.describe('the stored cost of the done generations, in US dollars'),
  costUnknown: num.int().describe('done generations with no stored cost: costUsd is a lower bound when any'),
};

const SpendSchema = z
  .strictObject({
    ...spendLine,
    byPromptSet: z.array(z.strictObject({ promptSet: z.string().describe('id@version'), ...spendLine })),
    byGeneratorAndPromptSet: z.array(z.strictObject({ generatorId: z.string(), promptSet: z.string(), ...spendLine })),
  })
  .describe("what the run's done generations cost, in all and per prompt set; per generator in generators[].costUsd");

const ledgerLine = {
  requests: num.int().describe('ledger rows that bill or may bill: every phase but failed and cancelled'),
  unknown: num.int().describe('of those, sent without a usable answer: the service may have made and billed them'),
  open: num.int().describe('of those, jobs the service still holds (created, polling, result-ready)'),
  sending: num.int().describe('of those, on the wire with no answer recorded yet'),
  cancelled: num.int().describe('jobs stopped at the service: not billed'),
  failed: num.int().describe('requests the service answered with an error: not billed'),
  priceUsd: num.describe('the price of the billing rows in US dollars, unknown outcomes included'),
  priceUnknown: num.int().describe('billing rows without a price: priceUsd is a lower bound when any'),
};

const LedgerPhaseSchema = z.enum([
  'sending',
  'created',
  'polling',
  'result-ready',
  'downloaded',
  'stored',
  'failed',
  'cancelled',
  'unknown',
]);

const LedgerSchema = z
  .strictObject({
    ...ledgerLine,
    byGenerator: z.array(z.strictObject({ generatorId: z.string(), ...ledgerLine })),
    entries: z.array(
      z.strictObject({
        id: num.int(),
        generatorId: z.string(),
        generationKey: z.string(),
        promptSetId: z.string(),
        promptSetVersion: num.int(),
        promptId: z.string(),
        language: z.string(),
        sample: num.int(),
        attempt: num.int().describe('the claim of the generation this request belongs to (1 = first)'),
        phase: LedgerPhaseSchema,
        jobId: z.string().nullable().describe("the provider's job or request id"),
        priceUsd: maybe,
        message: z.string().nullable(),
        createdAt: z.string().describe("when the request was about to be sent: what to look for in the provider's console"),
        updatedAt: z.string(),
      }),
    ),
  })
  .describe('the ledger of paid requests, per generator and row by row; empty for runs made before the ledger existed');

const GenerationSchema = z.strictObject({
  key: z.string(),
  generatorId: z.string(),
  generatorType: z.string(),
  promptSetId: z.string(),
  promptSetVersion: num.int(),
  promptId: z.string(),
  category: z.string(),
  language: z.string(),
  text: z.string(),
  seed: num,
  sample: num.int(),
  modality: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  attempts: num.int(),
  file: z.string().nullable().describe('the file the user gave a folder generator, as they named it; null for generated media'),
  mediaHash: z.string().nullable(),
  mime: z.string().nullable(),
  width: maybe,
  height: maybe,
  durationSec: maybe,
  fps: maybe,
  latencyMs: maybe,
  costUsd: maybe,
  providerIds: z.record(z.string(), z.string()).nullable(),
  errorCategory: z.string().nullable(),
  errorMessage: z.string().nullable(),
  claimedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  scores: z.record(z.string(), maybe).describe('metric id to score; null where the metric does not apply or failed (see failures)'),
  details: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .describe(
      'metric id to the details its score recorded: OCR text read (ocr-text), checks failed (video-checks), the dynamic verdict (motion)...',
    ),
});

export const ReportJsonSchema = z
  .strictObject({
    $schema: z.string(),
    run: z.strictObject({
      id: z.string(),
      status: z.enum(['planned', 'generating', 'scoring', 'done', 'interrupted']),
      createdAt: z.string(),
      description: z.string().optional(),
    }),
    generatedAt: z.string(),
    anySynthetic: z.boolean().describe('whether any generator is synthetic (its numbers say nothing about a real model)'),
    metrics: z.array(
      z.strictObject({
        id: z.string(),
        version: z.string(),
        description: z.string(),
        direction: z.enum(['higher-is-better', 'lower-is-better']),
        range: z.tuple([num, num]).readonly(),
        provenance: z
          .record(z.string(), z.unknown())
          .describe("model ids, weight hashes, preprocessing: what makes two labs' numbers comparable"),
      }),
    ),
    generators: z.array(
      z.strictObject({
        id: z.string(),
        type: z.string(),
        synthetic: z.boolean(),
        planned: num.int(),
        done: num.int(),
        failed: num.int(),
        pending: num.int(),
        failures: z.record(z.string(), num.int()),
        meanLatencyMs: maybe,
        costUsd: spendLine.costUsd,
        costUnknown: spendLine.costUnknown,
        metrics: z
          .record(
            z.string(),
            z.strictObject({
              ...meanCi,
              notApplicable: num.int(),
              errors: num.int(),
              rank: z.string().nullable().describe('rank range among generators by this metric, from the joint bootstrap over prompts'),
            }),
          )
          .describe(
            "mean with a 95% t interval per metric, cut at the metric's declared range (a bounded metric's interval stays inside it)",
          ),
        byCategory: z.record(z.string(), z.record(z.string(), MeanCiSchema)),
        byLanguage: z.record(z.string(), z.record(z.string(), MeanCiSchema)),
      }),
    ),
    failures: z
      .array(
        z.strictObject({
          generationKey: z.string(),
          generatorId: z.string(),
          promptId: z.string(),
          language: z.string(),
          sample: num.int(),
          file: z.string().nullable().describe('the file the user gave a folder generator, as they named it; null for generated media'),
          request: z.string().nullable().describe("the provider's job or request id, from the generation or the ledger"),
          category: z
            .enum(FAILURE_CATEGORIES)
            .describe(
              'generate: the generator delivered nothing; decode: the file cannot be read as its media; score: a metric failed on a readable file',
            ),
          errorCategory: z
            .string()
            .nullable()
            .describe("the generator's own category (timeout, refused, invalid-output...); null for a score"),
          metricId: z.string().nullable().describe('the metric that failed; null when the generation failed'),
          message: z.string().describe("why, with the media store's path replaced by the user's name for the file"),
        }),
      )
      .describe('every generation that failed to generate, decode or score; a score that failed is null in scores and listed here'),
    generations: z.array(GenerationSchema),
    spend: SpendSchema,
    ledger: LedgerSchema,
    human: z.array(HumanStudySchema).describe('the human studies made from this run (simulated, imported or from the rater UI), analysed'),
  })
  .describe('A Loupe report: one run, its automatic metrics and its human studies');

export type ReportJson = z.input<typeof ReportJsonSchema>;

export const REPORT_SCHEMA_FILE = 'report.schema.json';

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportJsonSchema, { io: 'input' }) as Record<string, unknown>;
}
