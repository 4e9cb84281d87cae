import { describe, expect, it } from 'vitest';
import { countedRatings } from '../../../core/study/counted-ratings.js';
import type { RatingRecord } from '../../../core/types/store.js';

const row = (id: number, value: number, over: Partial<RatingRecord> = {}): RatingRecord => ({
  id,
  studyId: 's',
  assignmentId: 'a',
  raterId: 'r',
  dimension: 'd',
  value,
  cannotRate: null,
  timeMs: 0,
  watchedToEnd: null,
  createdAt: '',
  ...over,
});

describe('the rating that counts', () => {
  it('is the correction where there is one, whatever came before or after it', () => {
    const rows = [row(1, 2, { submissionId: 'x' }), row(4, 5, { submissionId: 'y', correction: true }), row(6, 1, { submissionId: 'z' })];
    expect(countedRatings(rows).map((r) => r.value)).toEqual([5]);
  });

  it('is the first rating from the rating UI: later second ratings (stored before issue 17) change nothing', () => {
    expect(
      countedRatings([row(5, 4, { submissionId: 'late' }), row(2, 3, { submissionId: 'first' }), row(9, 1, { submissionId: 'later' })]).map(
        (r) => r.value,
      ),
    ).toEqual([3]);
  });

  it('is the latest row where rows carry no submission id (imports), per assignment and dimension', () => {
    const rows = [row(1, 2), row(5, 4), row(3, 1), row(2, 5, { dimension: 'e' }), row(7, 3, { assignmentId: 'b' })];
    expect(countedRatings(rows).map((r) => [r.assignmentId, r.dimension, r.value])).toEqual([
      ['a', 'd', 4],
      ['a', 'e', 5],
      ['b', 'd', 3],
    ]);
  });
});
