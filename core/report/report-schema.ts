import { z } from 'zod';
import { FAILURE_CATEGORIES } from './report-failures.js';
import { HumanStudySchema } from './human-schema.js';
import { RunComparisonSchema } from './comparison-schema.js';
import { interval, maybe, meanCi, MeanCiSchema, num } from './schema-parts.js';
import { VerdictSchema } from './verdict/verdict-schema.js';

/**
 * The schema of report.json. The writer types its output with it (ReportJson) and writes its JSON
 * Schema as report.schema.json beside it; a test validates written reports against that file.
 * Objects are strict, so a field added to the report data without a line here fails the test.
 */
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
    languageGaps: z
      .array(z.strictObject({ promptSetId: z.string(), asked: z.array(z.string()), made: z.array(z.string()) }))
      .describe(
        'prompt sets not generated in every language the run asked for: their prompts have no text there (Loupe does not machine-translate)',
      ),
    composition: z
      .array(
        z.strictObject({
          generatorId: z.string(),
          images: num.int().describe('images the composition metric judged'),
          notJudged: num.int().describe('images it failed on (listed in failures): left out of every rate'),
          correctImages: num.int(),
          correctPrompts: num.int().describe('prompts (per language) with at least one correct sample'),
          prompts: num.int(),
          tasks: z.array(
            z.strictObject({
              task: z.string().describe("GenEval's task (single_object, two_object, counting, colors, position, color_attr)"),
              correct: num.int(),
              images: num.int(),
              rate: num,
              low: num.describe('95% Wilson interval'),
              high: num,
            }),
          ),
          overall: num.nullable().describe("GenEval's overall score: the unweighted mean of the task rates"),
        }),
      )
      .describe('GenEval-style composition pass rates per generator and task; not comparable with published GenEval numbers'),
    verdict: VerdictSchema,
    comparison: RunComparisonSchema.optional(),
  })
  .describe('A Loupe report: one run, its automatic metrics and its human studies');

export type ReportJson = z.input<typeof ReportJsonSchema>;

export const REPORT_SCHEMA_FILE = 'report.schema.json';

export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportJsonSchema, { io: 'input' }) as Record<string, unknown>;
}
