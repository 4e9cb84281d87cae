import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFromString } from '../../../core/types/seeded-random.js';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { AdminOverview, SessionView } from '../../../rater-ui/shared/api-schemas.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { clientFields, GENERATORS, makeFixture, type Fixture } from '../study-fixture.js';

// run-img: 2 generators x 4 prompts = 8 likert items.
const ITEMS = 8;
let f: Fixture;
let app: ReturnType<typeof createRaterApp>;

beforeAll(async () => {
  f = await makeFixture();
  app = createRaterApp({
    store: f.store,
    media: f.media,
    assetsDir: '/nonexistent',
    rateLimit: { max: 1000, windowMs: 60_000 },
    log: () => undefined,
  });
});
afterAll(() => f.cleanup());

const adaptiveStudy = (id: string, budget: number, raters = 4) =>
  f.study({ id, raters, ratingsPerItem: 5, goldRate: 0, repeatRate: 0, adaptive: { floor: 1, budget, tolerance: 0.1, recomputeEvery: 1 } });
const session = async (token: string) => (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
/** Rates the item on screen with every dimension at `score`; returns the session that comes back. */
async function rate(token: string, assignmentId: string, score: number): Promise<SessionView> {
  const res = await app.request(`/api/r/${token}/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'likert',
      assignmentId,
      ...clientFields(3000),
      watchedToEnd: null,
      scores: { 'text-image-consistency': score, realism: score, 'visual-quality': score, 'aesthetic-quality': score },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { session: SessionView }).session;
}
const keyGenerator = (key: string) => GENERATORS.find((g) => key.startsWith(`${g}/`))!;
const normalAssignments = async (studyId: string) => (await f.store.listAssignments({ studyId })).filter((a) => a.kind === 'normal');

/** Scores spread over the whole scale whatever the generator: no ranking is decided from a handful of them. */
const noisy = (assignmentId: string) => 1 + (seedFromString(assignmentId) % 5);

/** Each rater in turn rates what they are shown (`scoreOf` the item's key and assignment) until the server says nothing more is needed. */
async function rateUntilDone(s: CreatedStudy, scoreOf: (key: string, assignmentId: string) => number): Promise<void> {
  const open = new Set(s.raters.map((r) => r.token));
  const sessions = new Map<string, SessionView>();
  for (const t of open) sessions.set(t, await session(t));
  while (open.size > 0)
    for (const t of [...open]) {
      const view = sessions.get(t)!;
      if (!view.item) {
        expect(view.noMoreNeeded).toBe(true);
        open.delete(t);
        continue;
      }
      const a = (await f.store.listAssignments({ studyId: s.study.id })).find((x) => x.id === view.item!.assignmentId)!;
      sessions.set(t, await rate(t, a.id, scoreOf(a.item, a.id)));
    }
}

describe('adaptive study on the rating server', () => {
  it('plans only the floor, then hands out items up to the budget and never one a rater had', async () => {
    const s = await adaptiveStudy('adaptive-budget', 14);
    const planned = await normalAssignments(s.study.id);
    expect(planned).toHaveLength(ITEMS);
    expect(new Set(planned.map((a) => a.item)).size).toBe(ITEMS);
    // Scores that say nothing about the generators: never decided at this size, so the budget stops it.
    await rateUntilDone(s, (_key, id) => noisy(id));
    const all = await normalAssignments(s.study.id);
    expect(all).toHaveLength(14);
    for (const r of s.raters.map((x, i) => `r${i + 1}`)) {
      const mine = all.filter((a) => a.raterId === r).map((a) => a.item);
      expect(new Set(mine).size).toBe(mine.length);
    }
    const overview = (await (await app.request(`/api/admin/${s.adminToken}/overview`)).json()) as AdminOverview;
    expect(overview.adaptive).toMatchObject({ floor: 1, budget: 14, used: 14, stopped: 'budget' });
    expect(overview.adaptive!.dimensions).toHaveLength(4);
    expect(overview.adaptive!.dimensions.every((d) => d.pairs.length === 1 && d.pairs[0]!.status === 'undecided')).toBe(true);
  });

  it('stops as soon as the ranking is decided, and says so to the rater and the admin', async () => {
    const s = await adaptiveStudy('adaptive-decided', 40);
    // gen-alpha always 5, gen-beta always 1: after the floor the difference is 4 in every bootstrap replicate.
    await rateUntilDone(s, (key) => (keyGenerator(key) === GENERATORS[0] ? 5 : 1));
    // Raters who finish their floor before the others get items evenly (the stop rule waits for the floor), then none.
    const handedOut = (await normalAssignments(s.study.id)).length;
    expect(handedOut).toBeLessThan(40);
    for (const r of s.raters) expect((await session(r.token)).noMoreNeeded).toBe(true);
    expect(await normalAssignments(s.study.id)).toHaveLength(handedOut);
    const overview = (await (await app.request(`/api/admin/${s.adminToken}/overview`)).json()) as AdminOverview;
    expect(overview.adaptive!.stopped).toBe('decided');
    for (const d of overview.adaptive!.dimensions)
      expect(d.pairs).toEqual([{ ahead: GENERATORS[0], behind: GENERATORS[1], difference: 4, low: 4, high: 4, status: 'ordered' }]);
  });

  it('never exceeds the budget when raters ask at the same moment', async () => {
    const s = await adaptiveStudy('adaptive-race', ITEMS + 3, 8);
    // Each rater rates their one floor item, then all ask for more at once, three times over.
    for (const r of s.raters) {
      const view = await session(r.token);
      if (view.item) await rate(r.token, view.item.assignmentId, noisy(view.item.assignmentId));
    }
    for (let round = 0; round < 3; round++) await Promise.all(s.raters.map((r) => session(r.token)));
    const all = await normalAssignments(s.study.id);
    expect(all).toHaveLength(ITEMS + 3);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });
});
