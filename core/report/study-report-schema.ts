import { z } from 'zod';
import { AlphaSchema, HumanStudySchema, screeningVerdict } from './human-schema.js';

/** The schema of study-report.json (`loupe report --study`): one study's human data alone. */
export const StudyReportJsonSchema = z
  .strictObject({
    $schema: z.string(),
    study: z.strictObject({
      id: z.string(),
      runId: z.string(),
      name: z.string(),
      mode: z.enum(['likert', 'pairwise']),
      createdAt: z.string(),
    }),
    generatedAt: z.string(),
    notAvailable: z
      .array(z.enum(['run', 'generations', 'metrics', 'rankings']))
      .describe(
        'what the report cannot show: run (a placeholder for imported data), generations (none), metrics (nothing scored), rankings (no rating names a generator)',
      ),
    reliability: z
      .array(
        z.strictObject({
          dimension: z.string(),
          raters: z.number().int(),
          items: z.number().int(),
          ratings: z.number().int(),
          alpha: AlphaSchema,
          screening: z.array(z.strictObject(screeningVerdict)).describe('BT.500 screening of every rater'),
        }),
      )
      .describe('rater agreement and screening per dimension, from every rating before screening (likert studies)'),
    human: HumanStudySchema,
  })
  .describe("A Loupe study report: one study's human data, without a run of generations or metrics");

export type StudyReportJson = z.input<typeof StudyReportJsonSchema>;

export const STUDY_REPORT_SCHEMA_FILE = 'study-report.schema.json';

export function studyReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(StudyReportJsonSchema, { io: 'input' }) as Record<string, unknown>;
}
