import type { AssignmentRecord, RatingRecord } from '../../core/types/index.js';
import type { AdminOverview } from '../shared/index.js';

const values = (rows: readonly RatingRecord[]) => Object.fromEntries(rows.map((r) => [r.dimension, r.value]));

/** Each corrected item: whose, its position in that rater's list, and the values before and after (the after ones count). */
export function correctionList(assignments: readonly AssignmentRecord[], ratings: readonly RatingRecord[]): AdminOverview['corrections'] {
  const fixed = new Set(ratings.filter((r) => r.correction).map((r) => r.assignmentId));
  return assignments
    .filter((a) => fixed.has(a.id))
    .map((a) => {
      const mine = ratings.filter((r) => r.assignmentId === a.id);
      const first = mine.filter((r) => !r.correction && r.submissionId === mine.find((x) => !x.correction)?.submissionId);
      return { raterId: a.raterId, item: a.position + 1, before: values(first), after: values(mine.filter((r) => r.correction)) };
    });
}
