import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../core/types/index.js';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import { makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.cleanup());

/** The fixture's real store, counting how often every study is read. */
function countingStudyLists(store: Store): { store: Store; lists: () => number } {
  let lists = 0;
  const counted = new Proxy(store, {
    get(target, name) {
      if (name === 'listStudies') return () => (lists++, target.listStudies());
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, lists: () => lists };
}

describe('links a server has not seen yet', () => {
  it('are all let in by a burst that reads the studies twice at most, not once per link', async () => {
    const { store, lists } = countingStudyLists(f.store);
    const app = createRaterApp({ store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
    const study = await f.study({ id: 'burst', raters: 12, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const replies = await Promise.all(study.raters.map((r) => app.request(`/api/r/${r.token}/session`)));
    expect(replies.map((r) => r.status)).toEqual(study.raters.map(() => 200));
    expect(lists()).toBeGreaterThanOrEqual(1);
    expect(lists()).toBeLessThanOrEqual(2);
    // A link made after that burst is still let in: its reload starts after it was asked for.
    const later = await f.study({ id: 'burst-later', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const [late, unknown] = await Promise.all([
      app.request(`/api/r/${later.raters[0]!.token}/session`),
      app.request(`/api/r/${'z'.repeat(43)}/session`),
    ]);
    expect([late.status, unknown.status]).toEqual([200, 401]);
  });
});
