import { HTTPException } from 'hono/http-exception';
import type { AssignmentRecord, RatingRecord } from '../../core/types/index.js';

/**
 * The item a rater may still correct: the one rated last, if it is a normal item that is not shown
 * again later as a planned repeat (its first showing is what the repeat is compared with) and has
 * not been corrected. Gold items and repeats are never corrected: they are how a rater is checked.
 */
export function correctableItem(assignments: readonly AssignmentRecord[], ratings: readonly RatingRecord[]): AssignmentRecord | null {
  const last = ratings.filter((r) => r.submissionId).at(-1);
  const a = last && assignments.find((x) => x.id === last.assignmentId);
  if (!a || refusal(a, assignments, ratings) !== null) return null;
  return ratings.filter((r) => r.assignmentId === a.id).at(-1)?.submissionId === last.submissionId ? a : null;
}

/**
 * Refuses (409, a message the rater sees) a second rating of an item that is not a correction,
 * and a correction the rater may not make.
 */
export function checkOneRating(
  correction: boolean,
  a: AssignmentRecord,
  assignments: readonly AssignmentRecord[],
  ratings: readonly RatingRecord[],
): void {
  const rated = ratings.some((r) => r.assignmentId === a.id);
  if (!correction) {
    if (rated)
      throw new HTTPException(409, {
        message: 'this item is rated already and your rating is kept; to change it, use "Correct my last rating" right after rating it',
      });
    return;
  }
  if (!rated) throw new HTTPException(409, { message: 'this item has no rating to correct' });
  const why = refusal(a, assignments, ratings);
  if (why) throw new HTTPException(409, { message: why });
  if (correctableItem(assignments, ratings)?.id !== a.id)
    throw new HTTPException(409, { message: 'only the item rated last can be corrected, before the next one is rated' });
}

function refusal(a: AssignmentRecord, assignments: readonly AssignmentRecord[], ratings: readonly RatingRecord[]): string | null {
  // One message for both, so that a refusal does not tell the rater which items check them.
  const checks = a.kind !== 'normal' || assignments.some((x) => x.kind === 'repeat' && x.raterId === a.raterId && x.item === a.item);
  if (checks) return 'this item cannot be corrected; your first answer is kept';
  if (ratings.some((r) => r.assignmentId === a.id && r.correction))
    return 'this item has been corrected already; a rating is corrected once';
  return null;
}
