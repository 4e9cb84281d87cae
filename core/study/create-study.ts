import { randomBytes } from 'node:crypto';
import type { Store, StudyCreateRequest, StudyRecord } from '../types/index.js';
import { hashToken, newMediaId, newToken } from './tokens.js';
import { assignUnits } from './assign.js';
import { likertGold, pairwiseGold } from './gold-items.js';
import { exampleKeys, pickExamples, type StudyExamplesChoice } from './pick-examples.js';
import { filterGenerations, likertUnits, pairwiseUnits, sampleUnits, type ItemFilters } from './select-items.js';
import type { AdaptiveConfig, RatingUiConfig } from './study-config.js';
import { blindGenerations, type StudyMedia } from './blind-media/prepare-media.js';

export interface CreateStudyOptions {
  runId: string;
  id?: string;
  name?: string;
  mode: 'likert' | 'pairwise';
  raters: number;
  ratingsPerItem: number;
  goldRate: number;
  repeatRate: number;
  filters: ItemFilters;
  seed?: string;
  /** The coordinator's example generations per dimension; the others are picked by metric where one applies. */
  examples?: StudyExamplesChoice;
  /** Adaptive allocation (`StudyCreateSchema.adaptive`): `floor` raters per item up front instead of `ratingsPerItem`. */
  adaptive?: Pick<AdaptiveConfig, 'floor' | 'budget' | 'tolerance' | 'recomputeEvery'> | null;
}

/** The options of a study request as `loupe study create` and the coordinator page validate it. */
export function studyOptionsFrom(request: StudyCreateRequest): CreateStudyOptions {
  const { generators, sets, categories, perStratum, ...rest } = request;
  return { ...rest, filters: { generators, sets, categories, perStratum } };
}

export interface CreatedStudy {
  study: StudyRecord;
  /** The private tokens, shown once: only their hashes are stored. */
  raters: { id: string; token: string }[];
  adminToken: string;
  units: number;
  assignments: number;
}

/**
 * Makes a study from a run's finished generations: items, assignments, gold, repeats, tokens, and
 * the media raters receive, prepared here once (`blind-media/`) and stored in `media`.
 */
export async function createStudy(store: Store, o: CreateStudyOptions, media: StudyMedia): Promise<CreatedStudy> {
  const run = await store.getRun(o.runId);
  if (!run) throw new Error(`unknown run "${o.runId}"; run \`loupe run\` first or pass --run with an existing run id`);
  const studyId = o.id ?? `study-${randomBytes(4).toString('hex')}`;
  const seed = o.seed ?? studyId;
  const matching = filterGenerations(await store.listGenerations({ runId: o.runId }), o.filters);
  const examples = pickExamples(matching, await store.listScores({ runId: o.runId }), o.examples ?? {});
  const shown = exampleKeys(examples);
  const generations = matching.filter((g) => !shown.has(g.key));
  const units = sampleUnits(o.mode === 'likert' ? likertUnits(generations) : pairwiseUnits(generations), o.filters.perStratum, seed);
  if (units.length === 0) {
    throw new Error(
      `run "${o.runId}" has no finished ${o.mode === 'pairwise' ? 'pairs of generations (two generators, same prompt)' : 'generations'} matching the filters`,
    );
  }
  const raters = Array.from({ length: o.raters }, (_, i) => ({ id: `r${i + 1}`, token: newToken() }));
  const ratingsPerItem = o.adaptive ? o.adaptive.floor : o.ratingsPerItem;
  if (o.adaptive && o.adaptive.budget < units.length * o.adaptive.floor)
    throw new Error(
      `adaptive.budget ${o.adaptive.budget} is below the floor alone: ${units.length} items x adaptive.floor ${o.adaptive.floor} = ${units.length * o.adaptive.floor} ratings`,
    );
  const { assignments, gold } = assignUnits(units, {
    studyId,
    seed,
    raterIds: raters.map((r) => r.id),
    ratingsPerItem,
    goldRate: o.goldRate,
    repeatRate: o.repeatRate,
    makeGold: o.mode === 'likert' ? likertGold(generations) : pairwiseGold(generations),
  });
  const mediaIds: Record<string, string> = {};
  const keys = new Set([...assignments.flatMap((a) => a.item.split('|')), ...shown]);
  for (const key of keys) mediaIds[newMediaId()] = key;
  const blinded = await blindGenerations(
    matching.filter((g) => keys.has(g.key)),
    {},
    media,
  );
  const adminToken = newToken();
  const config: RatingUiConfig = {
    source: 'rater-ui',
    seed,
    revision: 0,
    ratingsPerItem,
    goldRate: o.goldRate,
    repeatRate: o.repeatRate,
    filters: o.filters,
    raters: raters.map((r) => ({ id: r.id, tokenHash: hashToken(r.token) })),
    adminTokenHash: hashToken(adminToken),
    media: mediaIds,
    blinded,
    gold,
    examples,
    adaptive: o.adaptive ? { ...o.adaptive, planned: assignments.filter((a) => a.kind === 'normal').length, added: 0 } : null,
  };
  const study = await store.createStudy({ id: studyId, runId: o.runId, name: o.name ?? studyId, mode: o.mode, config, status: 'open' });
  await store.addAssignments(assignments);
  return { study, raters, adminToken, units: units.length, assignments: assignments.length };
}
