import { describe, expect, it } from 'vitest';
import type { NewRating, RatingRecord, Store } from '../../../core/types/index.js';
import { RatingWriter } from '../../../rater-ui/server/rating-writer.js';

/** A store whose transactions finish when the test says, recording when each began and ended. */
function slowStore() {
  const events: string[] = [];
  const open: (() => void)[] = [];
  const store = {
    addRatings(rows: readonly NewRating[]): Promise<RatingRecord[]> {
      const ids = rows.map((r) => r.submissionId).join(',');
      events.push(`begin ${ids}`);
      return new Promise((resolve) =>
        open.push(() => {
          events.push(`commit ${ids}`);
          resolve(rows.map((r) => ({ ...r }) as unknown as RatingRecord));
        }),
      );
    },
  } as unknown as Store;
  return { store, events, commitNext: () => open.shift()!() };
}

const rating = (submissionId: string) => ({ submissionId }) as NewRating;
/** A few turns of the event loop: every scheduled flush has begun by then (no I/O is involved). */
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe('RatingWriter (group commit)', () => {
  it('puts what arrives while a transaction is being written into the next one, begun only after it commits', async () => {
    const { store, events, commitNext } = slowStore();
    const writer = new RatingWriter(store);
    const first = writer.write([rating('a')]);
    await settle();
    const later = ['b', 'c', 'd'].map((id) => writer.write([rating(id)]));
    await settle();
    expect(events).toEqual(['begin a']);
    commitNext();
    expect((await first).map((r) => r.submissionId)).toEqual(['a']);
    await settle();
    expect(events).toEqual(['begin a', 'commit a', 'begin b,c,d']);
    commitNext();
    expect((await Promise.all(later)).map((rows) => rows.map((r) => r.submissionId))).toEqual([['b'], ['c'], ['d']]);
  });
});
