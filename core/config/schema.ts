import { z } from 'zod';
import { LanguageSchema } from '../types/index.js';
import { JudgeConfigSchema } from './judges.js';

/** One generator type's config entry: its own options beside `id` and the literal `type`. */
export type GeneratorEntrySchema = z.ZodObject<{ id: z.ZodString; type: z.ZodLiteral<string> }>;

/** A generator entry after its adapter's schema checked it; the options are the adapter's to read. */
export interface GeneratorConfig {
  id: string;
  type: string;
  [option: string]: unknown;
}

export const PromptSourceSchema = z
  .strictObject({
    /** A built-in set id, or one imported with `loupe prompts import`. */
    set: z.string().optional(),
    /** A prompt file (YAML, JSONL or CSV), relative to the config file. */
    file: z.string().optional(),
    version: z.int().min(1).optional(),
    categories: z.array(z.string()).optional(),
    ids: z.array(z.string()).optional(),
    /** Take a seeded random sample of this many prompts (after the category and id filters). */
    sample: z.int().min(1).optional(),
  })
  .refine((s) => (s.set === undefined) !== (s.file === undefined), { message: 'give exactly one of "set" or "file"' });
export type PromptSource = z.infer<typeof PromptSourceSchema>;

export const LimitsSchema = z.strictObject({
  /** Requests in flight at once, per generator. */
  concurrency: z.int().min(1).max(256).optional(),
  /** Requests started per minute, per generator. */
  ratePerMinute: z.number().positive().optional(),
  timeoutMs: z.int().min(1).optional(),
  maxAttempts: z.int().min(1).max(20).optional(),
});

export const SchedulerSchema = z.strictObject({
  concurrency: z.int().min(1).max(256).default(4),
  ratePerMinute: z.number().positive().optional(),
  timeoutMs: z.int().min(1).default(300_000),
  maxAttempts: z.int().min(1).max(20).default(4),
  /** First retry delay; doubled each attempt, with full jitter, capped by maxDelayMs. */
  baseDelayMs: z.int().min(0).default(1_000),
  maxDelayMs: z.int().min(0).default(60_000),
  perGenerator: z.record(z.string(), LimitsSchema).default({}),
});
export type SchedulerConfig = z.infer<typeof SchedulerSchema>;

/**
 * Media on S3-compatible storage (AWS, MinIO, Aliyun OSS, Tencent COS). Credentials come from
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role, never from this file.
 */
export const S3MediaSchema = z.strictObject({
  bucket: z.string().min(1),
  /** Keys start with this folder-like prefix: `<prefix>/<2 hex>/<sha256>.<ext>`. */
  prefix: z.string().default(''),
  /** The service's S3 endpoint, e.g. `https://oss-cn-hangzhou.aliyuncs.com`; AWS when omitted. */
  endpoint: z.url().optional(),
  /** AWS_REGION, or us-east-1, when omitted. */
  region: z.string().optional(),
  /** Path-style URLs (`host/bucket/key`): MinIO needs them, Aliyun OSS refuses them. */
  forcePathStyle: z.boolean().default(false),
  /** Where media is downloaded to for scoring and reports; relative to the config file. */
  cacheFolder: z.string().default('.loupe/media-cache'),
});
export type S3MediaConfig = z.infer<typeof S3MediaSchema>;

/** Where media goes: a folder (the default) or S3-compatible storage, exactly one. */
export const MediaSchema = z
  .strictObject({
    /** A folder on this machine; relative to the config file. */
    folder: z.string().optional(),
    s3: S3MediaSchema.optional(),
  })
  .refine((m) => (m.folder === undefined) !== (m.s3 === undefined), { message: 'give exactly one of "folder" or "s3"' })
  .transform((m): { folder: string } | { s3: S3MediaConfig } => (m.s3 ? { s3: m.s3 } : { folder: m.folder! }));
export type MediaConfig = z.infer<typeof MediaSchema>;

export const WeightsPrecisionSchema = z.enum(['fp32', 'q8']);

export const DEFAULT_SQLITE = '.loupe/loupe.db';
export const DEFAULT_MEDIA_FOLDER = '.loupe/media';

/**
 * `{ sqlite: path }` (one machine, the default) or `{ postgres: url }` (a team). The URL may hold
 * a password; PGPASSWORD and the other libpq variables work too, and run records keep the URL
 * without it (`storedConfig`).
 */
export const StoreConfigSchema = z
  .strictObject({
    sqlite: z.string().min(1).optional(),
    postgres: z
      .string()
      .regex(/^postgres(ql)?:\/\//i, 'a Postgres URL: postgres://user@host:port/database')
      .optional(),
  })
  .refine((s) => s.sqlite === undefined || s.postgres === undefined, { message: 'give exactly one of "store.sqlite" or "store.postgres"' })
  .transform((s): { sqlite: string } | { postgres: string } =>
    s.postgres !== undefined ? { postgres: s.postgres } : { sqlite: s.sqlite ?? DEFAULT_SQLITE },
  );
export type StoreConfig = z.infer<typeof StoreConfigSchema>;

/**
 * The schema of `loupe.config.yaml`, with one entry schema per generator type: the composition
 * root hands them in, so that the config knows no adapter.
 */
export function configSchema(generatorSchemas: readonly GeneratorEntrySchema[]) {
  const generator = z.discriminatedUnion('type', generatorSchemas as [GeneratorEntrySchema, ...GeneratorEntrySchema[]]);
  return z
    .strictObject({
      $schema: z.string().optional(),
      run: z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'run ids use letters, digits, ".", "_" and "-"'),
        description: z.string().optional(),
        /** The most this run may spend, in US dollars: `loupe run --plan` sets the estimate against it. */
        budgetUsd: z.number().min(0).optional(),
      }),
      /** Where Loupe keeps its database and media; relative paths start at the config file's folder. */
      store: StoreConfigSchema.default({ sqlite: DEFAULT_SQLITE }),
      media: MediaSchema.default({ folder: DEFAULT_MEDIA_FOLDER }),
      prompts: z.array(PromptSourceSchema).min(1),
      languages: z.array(LanguageSchema).min(1).default(['zh', 'en']),
      /**
       * Samples (seeds) per prompt, language and generator, for every prompt. Left out: what each
       * prompt set prescribes (VBench: 5 per prompt, 25 for temporal flickering), else 1.
       */
      samples: z.int().min(1).max(100).optional(),
      seed: z.int().default(42),
      generators: z.array(generator as unknown as z.ZodType<GeneratorConfig>).min(1),
      scheduler: SchedulerSchema.default(SchedulerSchema.parse({})),
      /** AI judges (OpenAI-compatible vision-language endpoints); each scores `vqascore`, `question-score` and `judge-<dimension>`, as `<metric>@<judge>` when there are several. */
      judges: z.array(JudgeConfigSchema).default([]),
      /** The judge whose model writes DSG questions for prompts that carry none (`question-score`); the first judge when omitted. */
      questionJudge: z.string().optional(),
      /** Metric ids to compute; all that apply when omitted. */
      metrics: z.array(z.string()).optional(),
      /**
       * The model each model-backed metric uses: a hub id (fetched with `loupe models pull`) or a
       * folder (starting with ".", "/" or "~"; relative to the config file). Registry defaults otherwise.
       */
      models: z
        .strictObject({
          'clip-en': z.string().optional(),
          'clip-zh': z.string().optional(),
          detector: z.string().optional(),
          'aesthetic-clip': z.string().optional(),
          aesthetic: z.string().optional(),
        })
        .optional(),
      /**
       * Weights precision per model role: fp32 (default) or q8, the int8 graphs the hub repository
       * ships beside the fp32 ones. A metric with a q8 model scores as `<metric>@q8`, a column of its own.
       */
      precision: z
        .strictObject({
          'clip-en': WeightsPrecisionSchema.optional(),
          'clip-zh': WeightsPrecisionSchema.optional(),
          detector: WeightsPrecisionSchema.optional(),
          'aesthetic-clip': WeightsPrecisionSchema.optional(),
          aesthetic: WeightsPrecisionSchema.optional(),
        })
        .optional(),
      report: z.strictObject({ dir: z.string().default('reports') }).default({ dir: 'reports' }),
      /** How human results are judged in the report. */
      analysis: z
        .strictObject({
          /**
           * A generator ranks ahead of another only when the 95% interval of their MOS difference (joint
           * bootstrap over raters and prompts) lies above zero and the difference exceeds this.
           */
          tolerance: z
            .number()
            .min(0)
            .default(0.1)
            .describe(
              "MOS points (5-point scale) a difference must exceed, beside an interval above zero, to rank one generator ahead of another (a lab's advice: 0.1 either way is noise)",
            ),
          /** A metric whose system-level Kendall tau with people is below this is flagged. */
          minSystemTau: z.number().min(-1).max(1).default(0.5),
          /** A metric whose item-level Spearman is clearly below this fraction of the human ceiling (raters against raters) is flagged as weak. */
          minCeilingFraction: z.number().min(0).max(1).default(0.5),
          /** Keep raters that screening rejects in the results (they are still listed). */
          keepScreenedRaters: z.boolean().default(false),
          bootstrapIterations: z.int().min(50).max(100_000).default(500),
        })
        .default({ tolerance: 0.1, minSystemTau: 0.5, minCeilingFraction: 0.5, keepScreenedRaters: false, bootstrapIterations: 500 }),
      /**
       * SIMULATED RATERS, for demonstrations: after scoring, `loupe run` writes a study whose raters'
       * opinions follow each synthetic generator's knobs, item by item, plus noise, with one careless
       * rater (core/study/knob-opinions.ts). Every generator must be synthetic. Not people: never a result.
       */
      simulatedStudy: z
        .strictObject({
          id: z
            .string()
            .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'study ids use letters, digits, ".", "_" and "-"')
            .default('simulated-raters'),
          /** Honest simulated raters; one careless rater (random answers) is added. */
          raters: z.int().min(2).max(50).default(5),
          seed: z.int().default(1),
        })
        .optional(),
    })
    .superRefine((config, ctx) => {
      const seen = new Set<string>();
      config.generators.forEach((g, i) => {
        const id = g.id;
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['generators', i, 'id'], message: `duplicate generator id "${id}"` });
        seen.add(id);
      });
      const judgeIds = new Set<string>();
      config.judges.forEach((j, i) => {
        if (judgeIds.has(j.id)) ctx.addIssue({ code: 'custom', path: ['judges', i, 'id'], message: `duplicate judge id "${j.id}"` });
        judgeIds.add(j.id);
      });
      if (config.questionJudge !== undefined && !judgeIds.has(config.questionJudge)) {
        const known = [...judgeIds].join(', ') || 'none';
        ctx.addIssue({
          code: 'custom',
          path: ['questionJudge'],
          message: `no judge has the id "${config.questionJudge}" (judges: ${known})`,
        });
      }
      for (const id of Object.keys(config.scheduler.perGenerator)) {
        if (!seen.has(id))
          ctx.addIssue({ code: 'custom', path: ['scheduler', 'perGenerator', id], message: `no generator has the id "${id}"` });
      }
    });
}
export type LoupeConfig = z.infer<ReturnType<typeof configSchema>>;

/** The JSON Schema editors use to check and complete `loupe.config.yaml`. */
export function configJsonSchema(generatorSchemas: readonly GeneratorEntrySchema[]): Record<string, unknown> {
  return z.toJSONSchema(configSchema(generatorSchemas), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
