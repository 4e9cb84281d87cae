import type { RatingRecord } from '../types/index.js';

/**
 * The row that counts per (assignment, dimension), since ratings are appended and never
 * overwritten: the rater's correction where there is one (only normal items can be corrected),
 * else the item's first rating from the rating UI (so that a re-sent or scripted second rating
 * stored by a server before issue 17, on a gold item or a repeat's first showing, changes
 * nothing), else, for rows without a submission id (imports, simulations), the latest row.
 */
export function countedRatings(ratings: readonly RatingRecord[]): RatingRecord[] {
  const counted = new Map<string, RatingRecord>();
  for (const r of [...ratings].sort((a, b) => a.id - b.id)) {
    const k = `${r.assignmentId}\u0000${r.dimension}`;
    const held = counted.get(k);
    if (!held || rank(r) > rank(held) || (rank(r) === 0 && rank(held) === 0)) counted.set(k, r);
  }
  return [...counted.values()];
}

/** Correction over first rating over a row without a submission id; within a rank the earlier row is kept, except rank 0 (latest). */
function rank(r: RatingRecord): number {
  if (r.correction) return 2;
  return r.submissionId ? 1 : 0;
}
