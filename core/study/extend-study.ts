import type { Store, StudyRecord } from '../types/index.js';
import { hashToken, newMediaId, newToken } from './tokens.js';
import { distribute, sequence, unitId } from './assign.js';
import { likertGold, pairwiseGold } from './gold-items.js';
import { exampleKeys } from './pick-examples.js';
import { filterGenerations, likertUnits, pairwiseUnits, sampleUnits, type StudyUnit } from './select-items.js';
import { ratingUiConfig, type RatingUiConfig } from './study-config.js';
import { blindGenerations, type StudyMedia } from './blind-media/prepare-media.js';

export interface ExtendStudyOptions {
  /** New raters, each with a private link. */
  addRaters: number;
  /** Raise the ratings per item (never lower it): existing items get the missing raters. */
  ratingsPerItem?: number;
}

export interface ExtendedStudy {
  study: StudyRecord;
  raters: { id: string; token: string }[];
  /** Items new to the study: the run's finished generations that match its filters and were not in it. */
  newUnits: number;
  assignments: number;
}

/**
 * Extends an open study: new raters, more ratings per item, and the run's items made since it was
 * created. Each item gets only the raters it lacks, none of whom had it, and each rater's new items
 * follow their old ones, with gold items and repeats at the study's rates. Stored in one
 * transaction that fails if the study changed meanwhile, so two extensions never both hand out items.
 * New items' media are prepared for raters first, and so are any the study lacks (one made before
 * preparation existed).
 */
export async function extendStudy(store: Store, studyId: string, o: ExtendStudyOptions, media: StudyMedia): Promise<ExtendedStudy> {
  const study = await store.getStudy(studyId);
  if (!study) throw new Error(`unknown study "${studyId}"; \`loupe study list\` shows the studies`);
  if (study.status !== 'open') throw new Error(`study "${studyId}" is closed; reopen it with \`loupe study open ${studyId}\` first`);
  const config = ratingUiConfig(study);
  const ratingsPerItem = o.ratingsPerItem ?? config.ratingsPerItem;
  if (ratingsPerItem < config.ratingsPerItem)
    throw new Error(`--ratings-per-item ${ratingsPerItem} is below the study's ${config.ratingsPerItem}; it can only grow`);

  const existing = await store.listAssignments({ studyId });
  const holders = new Map<string, Set<string>>();
  const load = new Map<string, number>();
  for (const a of existing.filter((x) => x.kind === 'normal')) {
    holders.set(unitId(a.item), (holders.get(unitId(a.item)) ?? new Set()).add(a.raterId));
    load.set(a.raterId, (load.get(a.raterId) ?? 0) + 1);
  }
  const shown = exampleKeys(config.examples);
  const runGenerations = await store.listGenerations({ runId: study.runId });
  const generations = filterGenerations(runGenerations, config.filters).filter((g) => !shown.has(g.key));
  const all = study.mode === 'likert' ? likertUnits(generations) : pairwiseUnits(generations);
  const revision = config.revision + 1;
  const seed = `${config.seed}/extend-${revision}`;
  const added = newUnits(all, holders, config.filters.perStratum, seed);
  const units = [...all.filter((u) => holders.has(unitId(u.keys.join('|')))), ...added];

  const raters = Array.from({ length: o.addRaters }, (_, i) => ({ id: `r${config.raters.length + i + 1}`, token: newToken() }));
  const raterIds = [...config.raters.map((r) => r.id), ...raters.map((r) => r.id)];
  const has = (u: StudyUnit) => holders.get(unitId(u.keys.join('|'))) ?? new Set<string>();
  const lists = distribute(units, { seed, raterIds, need: (u) => Math.max(0, ratingsPerItem - has(u).size), holders: has, load });

  const next = new Map<string, number>();
  for (const a of existing) next.set(a.raterId, Math.max(next.get(a.raterId) ?? 0, a.position + 1));
  const makeGold = study.mode === 'likert' ? likertGold(generations) : pairwiseGold(generations);
  const to: RatingUiConfig = {
    ...config,
    revision,
    ratingsPerItem,
    raters: [...config.raters, ...raters.map((r) => ({ id: r.id, tokenHash: hashToken(r.token) }))],
    media: { ...config.media },
    gold: { ...config.gold },
  };
  const assignments = raterIds.flatMap((raterId) => {
    const part = sequence(
      raterId,
      lists.get(raterId)!,
      { studyId, seed, goldRate: config.goldRate, repeatRate: config.repeatRate, makeGold },
      next.get(raterId) ?? 0,
    );
    Object.assign(to.gold, part.gold);
    return part.assignments;
  });
  const known = new Set(Object.values(config.media));
  for (const key of new Set(assignments.flatMap((a) => a.item.split('|')))) if (!known.has(key)) to.media[newMediaId()] = key;
  const served = new Set(Object.values(to.media));
  to.blinded = {
    ...config.blinded,
    ...(await blindGenerations(
      runGenerations.filter((g) => served.has(g.key)),
      config.blinded,
      media,
    )),
  };

  if (!(await store.extendStudy(studyId, { from: study.config, to, assignments }))) {
    throw new Error(
      `study "${studyId}" changed while it was being extended (another extension?); nothing was added, run the command again`,
    );
  }
  return { study: (await store.getStudy(studyId))!, raters, newUnits: added.length, assignments: assignments.length };
}

/** Units not in the study yet; with a per-stratum sample, only as many as fill each stratum up. */
function newUnits(all: readonly StudyUnit[], holders: ReadonlyMap<string, unknown>, perStratum: number | null, seed: string): StudyUnit[] {
  const fresh = all.filter((u) => !holders.has(unitId(u.keys.join('|'))));
  if (perStratum === null) return fresh;
  const taken = new Map<string, number>();
  for (const u of all) if (holders.has(unitId(u.keys.join('|')))) taken.set(u.stratum, (taken.get(u.stratum) ?? 0) + 1);
  return sampleUnits(fresh, perStratum, seed).filter((u) => {
    const n = taken.get(u.stratum) ?? 0;
    taken.set(u.stratum, n + 1);
    return n < perStratum;
  });
}
