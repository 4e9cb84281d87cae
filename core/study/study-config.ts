import { z } from 'zod';
import { DIMENSIONS } from '../types/dimensions.js';

/**
 * What a study keeps in its `config` column. Only the server and the admin read it: it holds
 * the token hashes and the opaque media ids' keys, never anything a rater is sent as is.
 */
export const StudyConfigSchema = z.object({
  seed: z.string(),
  /** Counts the extensions: servers key what they cache of a study by it, so all see an extension at once. */
  revision: z.int().min(0).default(0),
  ratingsPerItem: z.int().min(1),
  goldRate: z.number().min(0).max(1),
  repeatRate: z.number().min(0).max(1),
  filters: z.object({
    generators: z.array(z.string()).nullable(),
    sets: z.array(z.string()).nullable(),
    categories: z.array(z.string()).nullable(),
    perStratum: z.int().min(1).nullable(),
  }),
  raters: z.array(z.object({ id: z.string(), tokenHash: z.string() })),
  adminTokenHash: z.string(),
  /** Opaque per-study media id -> generation key. */
  media: z.record(z.string(), z.string()),
  /** Gold assignments: the media shown with another prompt's text, and the range a careful rater gives. */
  gold: z.record(
    z.string(),
    z.object({ textFrom: z.string(), expect: z.partialRecord(z.enum(DIMENSIONS), z.tuple([z.number(), z.number()])) }),
  ),
  /**
   * Per dimension, the generations shown on the start page as a low and a high score, and the
   * metric that picked them (null: the coordinator chose). Never rated in the study.
   */
  examples: z.partialRecord(z.enum(DIMENSIONS), z.object({ low: z.string(), high: z.string(), metric: z.string().nullable() })).default({}),
});
export type StudyConfig = z.infer<typeof StudyConfigSchema>;

export function parseStudyConfig(studyId: string, config: unknown): StudyConfig {
  const parsed = StudyConfigSchema.safeParse(config);
  if (!parsed.success)
    throw new Error(`study "${studyId}" was not made by loupe study create (its config does not parse): ${parsed.error.message}`);
  return parsed.data;
}
