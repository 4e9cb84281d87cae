import { z } from 'zod';
import { maybe, num } from './schema-parts.js';

const run = z.strictObject({ id: z.string(), createdAt: z.string() });
const item = z.strictObject({ key: z.string(), value: num, mediaHash: z.string().nullable(), mime: z.string().nullable() });

/** report.json's `comparison`: the run against the baseline run given to `loupe report --baseline` (run-comparison.ts). */
export const RunComparisonSchema = z
  .strictObject({
    baseline: run.extend({
      store: z
        .string()
        .optional()
        .describe("the baseline's store when it is not this run's: a SQLite file, or a Postgres URL without password"),
    }),
    candidate: run.describe('this run'),
    provenance: z
      .array(z.strictObject({ metric: z.string(), field: z.string(), baseline: z.string().nullable(), candidate: z.string().nullable() }))
      .describe("metric settings that differ between the runs' scores (version, weights sha256, preprocessing...): values joined by ' | '"),
    commonUnits: num.int().describe('prompts (set, prompt, language, sample, same text) made by both runs'),
    rows: z.array(
      z.strictObject({
        generator: z.string(),
        measure: z.string().describe('a metric id, or "human: <dimension>" (item MOS of the raters kept by screening)'),
        kind: z.enum(['metric', 'human']),
        direction: z.enum(['higher-is-better', 'lower-is-better']),
        pairs: num.int(),
        onlyBaseline: num.int(),
        onlyCandidate: num.int(),
        baseline: maybe,
        candidate: maybe,
        difference: maybe.describe('mean of (this run - baseline) over the paired prompts'),
        low: maybe.describe('95% t interval of the mean difference'),
        high: maybe,
        change: z.enum(['up', 'down']).nullable().describe('set when the interval excludes 0: a change beyond noise'),
        largest: z
          .strictObject({ promptId: z.string(), language: z.string(), text: z.string(), baseline: item, candidate: item })
          .nullable()
          .describe('for a change beyond noise: the prompt where the difference is largest, with both generations'),
      }),
    ),
    onlyBaseline: z.array(z.string()).describe('measures and generators of the baseline alone'),
    onlyCandidate: z.array(z.string()).describe('measures and generators of this run alone'),
  })
  .describe('this run against a baseline run, prompt by prompt');
