import { groupBy, reliability, type Reliability } from '../analysis/index.js';
import { DataError, type Store } from '../types/index.js';
import { countedRatings } from './counted-ratings.js';

export interface StudyReliability {
  study: string;
  runId: string;
  dimensions: Reliability[];
}

/**
 * Rater agreement (Krippendorff's alpha at four levels) and BT.500 screening of a likert study's
 * ratings, per dimension, from the items and raters alone: it works on any study, those whose items
 * name no generator (an imported reliability study) included. Items rated more than once by one
 * rater (repeats) count once per rating, as separate values of the unit.
 */
export async function studyReliability(store: Store, studyId: string): Promise<StudyReliability> {
  const study = (await store.listStudies()).find((s) => s.id === studyId);
  if (!study) throw DataError.one(`study "${studyId}"`, { message: 'no such study in the store' });
  if (study.mode !== 'likert') throw DataError.one(`study "${studyId}"`, { message: `a ${study.mode} study has votes, not ratings` });
  const assignments = new Map((await store.listAssignments({ studyId })).map((a) => [a.id, a]));
  const rows = countedRatings(await store.listRatings({ studyId })).flatMap((r) => {
    const a = assignments.get(r.assignmentId);
    return a && a.kind !== 'gold' && r.value !== null ? [{ item: a.item, rater: r.raterId, dimension: r.dimension, score: r.value }] : [];
  });
  const dimensions = [...groupBy(rows, (r) => r.dimension)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dimension, list]) => reliability(dimension, list));
  return { study: studyId, runId: study.runId, dimensions };
}
