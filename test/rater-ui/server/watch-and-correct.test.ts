import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { AdminOverview, SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { clientFields, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
/** The server's clock, moved by the tests: no test waits for real time. */
let clock = Date.parse('2026-12-05T10:00:00.000Z');
let app: ReturnType<typeof createRaterApp>;

beforeAll(async () => {
  f = await makeFixture();
  app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined, now: () => clock });
});
afterAll(() => f.cleanup());

const scores = { 'text-image-consistency': 4, realism: 3, 'visual-quality': 5, 'aesthetic-quality': 2 };
const session = async (token: string) => (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
async function post(token: string, body: unknown, contentType = 'application/json') {
  const res = await app.request(`/api/r/${token}/ratings`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; session?: SessionView } };
}
/** A likert rating sent now by the server's clock, `timeMs` after the item was shown. */
const likert = (assignmentId: string, timeMs: number, over: Record<string, unknown> = {}) => ({
  kind: 'likert',
  assignmentId,
  ...clientFields(timeMs, clock),
  watchedToEnd: true,
  scores,
  ...over,
});

describe('the server checks what it can know about watching', () => {
  it('refuses a rating of a 2 s clip that comes too soon after its media were first sent, or reports less time than the clip', async () => {
    const s = await f.study({ id: 'watch', runId: 'run-video', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const token = s.raters[0]!.token;
    const item = (await session(token)).item!;
    // Never loaded: nothing was served, whatever the browser says.
    const unseen = await post(token, likert(item.assignmentId, 2500));
    expect(unseen).toMatchObject({ status: 422, body: { error: expect.stringMatching(/never loaded/) } });
    expect((await app.request(item.media[0]!.url)).status).toBe(200);
    expect(await f.store.listServed({ studyId: 'watch' })).toHaveLength(1);
    clock += 50;
    const early = await post(token, likert(item.assignmentId, 2500));
    expect(early).toMatchObject({ status: 422, body: { error: expect.stringMatching(/came 0\.1 s after .* it lasts 2\.0 s/) } });
    // A later request for the same media (a range, a reload) does not move the first serving.
    clock += 1000;
    expect((await app.request(item.media[0]!.url, { headers: { range: 'bytes=0-9' } })).status).toBe(206);
    clock += 1000;
    const fake = await post(token, likert(item.assignmentId, 50));
    expect(fake).toMatchObject({
      status: 422,
      body: { error: expect.stringMatching(/time on this item \(0\.1 s\) is shorter than the video \(2\.0 s\)/) },
    });
    expect(await f.store.listRatings({ studyId: 'watch' })).toEqual([]);
    const fair = await post(token, likert(item.assignmentId, 2050));
    expect(fair.status).toBe(200);
    expect(await f.store.listRatings({ studyId: 'watch' })).toHaveLength(4);
  });
});

describe('one rating per rater and item', () => {
  it('refuses a second rating (409) unless it corrects the item just rated; the correction is stored beside the original, once', async () => {
    const s = await f.study({ id: 'once', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const token = s.raters[0]!.token;
    const first = (await session(token)).item!;
    // An image has no watching rule: sending it writes nothing.
    expect((await app.request(first.media[0]!.url)).status).toBe(200);
    expect(await f.store.listServed({ studyId: 'once' })).toEqual([]);
    const rated = await post(token, likert(first.assignmentId, 3000, { watchedToEnd: null }));
    expect(rated.body.session!.correctable!.assignmentId).toBe(first.assignmentId);
    const again = await post(token, likert(first.assignmentId, 3000, { watchedToEnd: null, scores: { ...scores, realism: 1 } }));
    expect(again).toMatchObject({ status: 409, body: { error: expect.stringMatching(/rated already and your rating is kept/) } });
    const fixed = await post(
      token,
      likert(first.assignmentId, 3000, { watchedToEnd: null, correction: true, scores: { ...scores, realism: 1 } }),
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body.session!.correctable).toBeNull();
    const twice = await post(token, likert(first.assignmentId, 3000, { watchedToEnd: null, correction: true }));
    expect(twice).toMatchObject({ status: 409, body: { error: expect.stringMatching(/corrected already/) } });
    const rows = await f.store.listRatings({ studyId: 'once' });
    expect(rows.filter((r) => r.dimension === 'realism').map((r) => [r.value, r.correction])).toEqual([
      [3, false],
      [1, true],
    ]);
    // The admin page lists it: whose, which item, before and after.
    const overview = (await (await app.request(`/api/admin/${s.adminToken}/overview`)).json()) as AdminOverview;
    expect(overview.corrections).toEqual([{ raterId: 'r1', item: 1, before: scores, after: { ...scores, realism: 1 } }]);
    // Only the item rated last: once the next one is rated, the first is closed.
    const second = fixed.body.session!.item!;
    await post(token, likert(second.assignmentId, 3000, { watchedToEnd: null }));
    const late = await post(token, likert(first.assignmentId, 3000, { watchedToEnd: null, correction: true }));
    expect(late.status).toBe(409);
    const unrated = (await session(token)).item!;
    expect((await post(token, likert(unrated.assignmentId, 3000, { watchedToEnd: null, correction: true }))).body.error).toMatch(
      /no rating to correct/,
    );
  });

  it('never offers or accepts a correction of a gold item', async () => {
    const s = await f.study({ id: 'gold-fix', raters: 1, ratingsPerItem: 1, goldRate: 0.5, repeatRate: 0 });
    const token = s.raters[0]!.token;
    const gold = (await f.store.listAssignments({ studyId: 'gold-fix' })).find((a) => a.kind === 'gold')!;
    let view = await session(token);
    while (view.item!.assignmentId !== gold.id)
      view = (await post(token, likert(view.item!.assignmentId, 3000, { watchedToEnd: null }))).body.session!;
    const rated = await post(token, likert(gold.id, 3000, { watchedToEnd: null }));
    expect(rated.body.session!.correctable).toBeNull();
    const fix = await post(token, likert(gold.id, 3000, { watchedToEnd: null, correction: true }));
    expect(fix).toMatchObject({ status: 409, body: { error: 'this item cannot be corrected; your first answer is kept' } });
    expect((await f.store.listRatings({ studyId: 'gold-fix' })).filter((r) => r.assignmentId === gold.id)).toHaveLength(4);
  });

  it('answers a body that is not declared JSON with 415 and what to send', async () => {
    const s = await f.study({ id: 'plain', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const item = (await session(s.raters[0]!.token)).item!;
    const res = await post(s.raters[0]!.token, likert(item.assignmentId, 3000, { watchedToEnd: null }), 'text/plain');
    expect(res).toMatchObject({ status: 415, body: { error: 'send the body as JSON, with the header Content-Type: application/json' } });
  });
});
