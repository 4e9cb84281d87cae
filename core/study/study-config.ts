import { z } from 'zod';
import { DIMENSIONS, type StudyRecord } from '../types/index.js';
import { BlindedMediaSchema } from './blind-media/blinded-media.js';

/**
 * An adaptive study plans `floor` raters per item up front; the rest of `budget` (normal items
 * rated, the floor included) is handed out one item at a time where the ranking is undecided.
 * `planned` counts the floor's normal assignments and `added` those handed out since: the store
 * swaps the config only while `added` is what the server read, so two raters never both take the
 * last item of the budget.
 */
export const AdaptiveConfigSchema = z.object({
  floor: z.int().min(1),
  budget: z.int().min(1),
  tolerance: z.number().min(0),
  /** The ranking's state is computed again after this many new ratings (a bootstrap per dimension). */
  recomputeEvery: z.int().min(1),
  planned: z.int().min(0),
  added: z.int().min(0),
});
export type AdaptiveConfig = z.infer<typeof AdaptiveConfigSchema>;

/**
 * A study made by `loupe study create` or the coordinator page. Only the server and the admin read
 * it: it holds the token hashes and the opaque media ids' keys, never anything a rater is sent as is.
 */
export const RatingUiConfigSchema = z.object({
  source: z.literal('rater-ui'),
  seed: z.string(),
  /** Counts the changes (extensions, replaced rater links): servers key what they cache of a study by it, so all see a change at once. */
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
  /**
   * Generation key -> the file raters receive, prepared when the study was made or extended.
   * Studies made before preparation existed have none until their next extension.
   */
  blinded: z.record(z.string(), BlindedMediaSchema).default({}),
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
  /** Adaptive allocation (see adaptive/): null for a study planned in full up front. */
  adaptive: AdaptiveConfigSchema.nullable().default(null),
});
export type RatingUiConfig = z.infer<typeof RatingUiConfigSchema>;

/**
 * Likert ratings (`loupe ratings import`) or pairwise votes (`loupe arena import`) from a file.
 * `items` names the generator of each rated item that is not a generation of the run (none in a
 * reliability study, whose file has no generator column); a vote file has none.
 */
export const ImportConfigSchema = z.object({
  source: z.literal('import'),
  file: z.string(),
  items: z.record(z.string(), z.object({ generator: z.string().optional(), prompt: z.string().optional() })).default({}),
});
export type ImportConfig = z.infer<typeof ImportConfigSchema>;

/** `loupe ratings simulate`: the seed and latent qualities that reproduce the study, and who the bad raters are. */
export const SimulationConfigSchema = z.object({
  source: z.literal('simulated'),
  seed: z.number(),
  quality: z.record(z.string(), z.number()),
  raters: z.array(z.object({ id: z.string(), kind: z.enum(['honest', 'straight', 'random']) })),
  /** Where the raters' opinions came from: per item from the synthetic generators' knobs (knob-opinions.ts), else `quality` per generator. */
  opinions: z.literal('synthetic-knobs').optional(),
});
export type SimulationConfig = z.infer<typeof SimulationConfigSchema>;

/**
 * What a study keeps in its `config` column, by where its ratings came from. Studies of the rating
 * UI written before the `source` field existed carry none: a config without one is the rating UI's.
 */
export const StudyConfigSchema = z.preprocess(
  (config) => (config !== null && typeof config === 'object' && !('source' in config) ? { ...config, source: 'rater-ui' } : config),
  z.discriminatedUnion('source', [RatingUiConfigSchema, ImportConfigSchema, SimulationConfigSchema]),
);
export type StudyConfig = z.infer<typeof StudyConfigSchema>;

type StudyRow = Pick<StudyRecord, 'id' | 'config'>;

export function parseStudyConfig(study: StudyRow): StudyConfig {
  const parsed = StudyConfigSchema.safeParse(study.config);
  if (!parsed.success) throw new Error(`study "${study.id}": its config does not parse: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The config of a study the rating UI serves and extends; any other study is refused by name. */
export function ratingUiConfig(study: StudyRow): RatingUiConfig {
  const config = parseStudyConfig(study);
  if (config.source !== 'rater-ui')
    throw new Error(
      `study "${study.id}" was not made by loupe study create (its ratings are ${config.source === 'import' ? 'imported' : 'simulated'})`,
    );
  return config;
}

/** Like `ratingUiConfig`, but null for a study the rating UI does not serve, so that one odd row cannot stop the others. */
export function servedConfig(study: StudyRow): RatingUiConfig | null {
  const parsed = StudyConfigSchema.safeParse(study.config);
  return parsed.success && parsed.data.source === 'rater-ui' ? parsed.data : null;
}

/** Read without parsing the whole config: servers check it on every request. */
export function configRevision(study: StudyRow): number {
  const r = (study.config as { revision?: unknown } | null)?.revision;
  return typeof r === 'number' ? r : 0;
}

/** Changes with every extension and every adaptive item handed out: what servers key a rater's cached assignments by. */
export function assignmentsVersion(study: StudyRow): string {
  const added = (study.config as { adaptive?: { added?: unknown } | null } | null)?.adaptive?.added;
  return `${configRevision(study)}.${typeof added === 'number' ? added : 0}`;
}
