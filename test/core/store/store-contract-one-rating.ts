import { describe, expect, it } from 'vitest';
import { RatingConflictError, type NewRating } from '../../../core/types/store.js';
import type { StoreContext } from './store-contract.js';
import { ISO_TIME, newRating, planned } from './store-fixtures.js';

/** One rating per rater and item (and one correction), and when each item's media first went to its rater. */
export function describeOneRatingContract(ctx: StoreContext): void {
  async function study(): Promise<void> {
    await ctx.store.openRun('run-1', {});
    await ctx.store.planGenerations('run-1', [planned('k1'), planned('k2')]);
    await ctx.store.createStudy({ id: 's1', runId: 'run-1', name: 'Pilot', mode: 'likert', config: {}, status: 'open' });
    await ctx.store.createStudy({ id: 's2', runId: 'run-1', name: 'Other', mode: 'likert', config: {}, status: 'open' });
    await ctx.store.addAssignments([
      { id: 'a1', studyId: 's1', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' },
      { id: 'a2', studyId: 's1', raterId: 'r1', item: 'k2', position: 1, kind: 'normal' },
      { id: 'b1', studyId: 's2', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' },
    ]);
  }
  const rating = (over: Partial<NewRating> = {}) => newRating({ watchedToEnd: null, submissionId: 'sub-1', ...over });
  const both = (over: Partial<NewRating>) => [rating(over), rating({ ...over, dimension: 'aesthetic-quality' })];

  describe('one rating per rater and item', () => {
    it('refuses a second first rating of an item, stores one correction beside the original, and refuses a second correction', async () => {
      await study();
      const original = await ctx.store.addRatings(both({}));
      expect(original.map((r) => r.correction)).toEqual([false, false]);
      const second = ctx.store.addRatings([
        rating({ assignmentId: 'a2', submissionId: 'other' }),
        ...both({ submissionId: 'sub-2', value: 1 }),
      ]);
      await expect(second).rejects.toThrow(RatingConflictError);
      await expect(ctx.store.addRatings(both({ submissionId: 'sub-2' }))).rejects.toThrow(/item "a1" has a rating already/);
      const fixed = await ctx.store.addRatings(both({ submissionId: 'fix-1', value: 2, correction: true }));
      expect(fixed.map((r) => [r.value, r.correction])).toEqual([
        [2, true],
        [2, true],
      ]);
      await expect(ctx.store.addRatings(both({ submissionId: 'fix-2', correction: true }))).rejects.toThrow(
        /item "a1" has been corrected already/,
      );
      // A resend of the original or of the correction is still answered with the stored rows.
      expect(await ctx.store.addRatings(both({}))).toEqual(original);
      expect(await ctx.store.addRatings(both({ submissionId: 'fix-1', value: 2, correction: true }))).toEqual(fixed);
      const stored = await ctx.store.listRatings({ studyId: 's1' });
      expect(stored.map((r) => [r.assignmentId, r.submissionId, r.value, r.correction])).toEqual([
        ['a1', 'sub-1', 4, false],
        ['a1', 'sub-1', 4, false],
        ['a1', 'fix-1', 2, true],
        ['a1', 'fix-1', 2, true],
      ]);
    });

    it('lets only one of many different first ratings of an item sent at the same time in', async () => {
      await study();
      const sent = Array.from({ length: 6 }, (_, i) => ctx.store.addRatings(both({ submissionId: `race-${i}`, value: 1 + (i % 5) })));
      const results = await Promise.allSettled(sent);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RatingConflictError);
      expect(await ctx.store.listRatings({ studyId: 's1' })).toHaveLength(2);
    });
  });

  describe('served items', () => {
    it('keeps the first time an item was served, per assignment, and refuses an assignment outside the study', async () => {
      await study();
      const first = '2026-12-01T10:00:00.000Z';
      expect(await ctx.store.markServed({ studyId: 's1', assignmentId: 'a1', raterId: 'r1' }, first)).toBe(first);
      expect(await ctx.store.markServed({ studyId: 's1', assignmentId: 'a1', raterId: 'r1' }, '2026-12-01T10:05:00.000Z')).toBe(first);
      await ctx.store.markServed({ studyId: 's1', assignmentId: 'a2', raterId: 'r1' }, '2026-12-01T10:01:30.250Z');
      await ctx.store.markServed({ studyId: 's2', assignmentId: 'b1', raterId: 'r1' }, first);
      await expect(ctx.store.markServed({ studyId: 's1', assignmentId: 'b1', raterId: 'r1' }, first)).rejects.toThrow(/"b1".*"s1"/);
      await expect(ctx.store.markServed({ studyId: 's1', assignmentId: 'ghost', raterId: 'r1' }, first)).rejects.toThrow(/ghost/);
      const served = await ctx.store.listServed({ studyId: 's1', raterId: 'r1' });
      expect(served).toEqual([
        { studyId: 's1', assignmentId: 'a1', raterId: 'r1', firstServedAt: first },
        { studyId: 's1', assignmentId: 'a2', raterId: 'r1', firstServedAt: '2026-12-01T10:01:30.250Z' },
      ]);
      expect(served[0]!.firstServedAt).toMatch(ISO_TIME);
      expect(await ctx.store.listServed({ studyId: 's1', raterId: 'r2' })).toEqual([]);
    });
  });
}
