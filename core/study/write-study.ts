import { basename } from 'node:path';
import type { z } from 'zod';
import type { AssignmentRecord, NewRating, Store, StudyRecord } from '../types/index.js';
import type { ImportConfigSchema, SimulationConfigSchema } from './study-config.js';

export type NewAssignment = Omit<AssignmentRecord, 'createdAt'>;

/** What an imported or simulated study stores as its config (a vote file stores no `items`). */
export type KnownRatingsConfig = z.input<typeof ImportConfigSchema> | z.input<typeof SimulationConfigSchema>;

/** An imported or simulated study always gets a study of its own: refused before anything is written. */
export async function refuseExistingStudy(store: Store, id: string): Promise<void> {
  if (await store.getStudy(id)) throw new Error(`study "${id}" already exists: choose another id with --study`);
}

/** The default id of a study imported from a file: `<prefix>-<file name without extension>`. */
export function studyIdFor(prefix: string, file: string): string {
  return `${prefix}-${basename(file).replace(/\.[^.]*$/, '')}`;
}

/** Writes a study whose ratings are all known already (imported or simulated): closed, since no rater adds to it. */
export async function writeClosedStudy(
  store: Store,
  study: Pick<StudyRecord, 'id' | 'runId' | 'name' | 'mode'> & { config: KnownRatingsConfig },
  assignments: readonly NewAssignment[],
  ratings: readonly NewRating[],
): Promise<void> {
  await store.createStudy({ ...study, status: 'closed' });
  await store.addAssignments(assignments);
  for (let i = 0; i < ratings.length; i += 500) await store.addRatings(ratings.slice(i, i + 500));
}
