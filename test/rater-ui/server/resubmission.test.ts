import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { clientFields, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.cleanup());

const scores = { 'text-image-consistency': 4, realism: 3, 'visual-quality': 5, 'aesthetic-quality': 2 };
const app = (max = 100) =>
  createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', rateLimit: { max, windowMs: 60_000 }, log: () => undefined });
const post = (a: ReturnType<typeof app>, token: string, body: unknown) =>
  a.request(`/api/r/${token}/ratings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const session = async (a: ReturnType<typeof app>, token: string) =>
  (await (await a.request(`/api/r/${token}/session`)).json()) as SessionView;

describe('a resent submission', () => {
  it('is stored once, also when it reaches two servers at once, and is acknowledged each time', async () => {
    const s = await f.study({ id: 'resend', goldRate: 0, repeatRate: 0 });
    const [one, two] = [app(), app()];
    const token = s.raters[0]!.token;
    const item = (await session(one, token)).item!;
    const body = { kind: 'likert', assignmentId: item.assignmentId, ...clientFields(3000), watchedToEnd: null, scores };
    const replies = await Promise.all([post(one, token, body), post(two, token, body), post(one, token, body)]);
    const json = await Promise.all(replies.map((r) => r.json() as Promise<{ stored: number; replayed: boolean; session: SessionView }>));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(json.every((j) => j.stored === 4 && j.session.done === 1)).toBe(true);
    const stored = await f.store.listRatings({ studyId: 'resend' });
    expect(stored.map((r) => r.dimension)).toEqual(Object.keys(scores));
    expect(
      stored.every(
        (r) => r.submissionId === body.submissionId && r.clientShownAt === body.shownAt && r.clientAnsweredAt === body.answeredAt,
      ),
    ).toBe(true);
    // Later, with other answers: still the stored submission, and the reply says so.
    const late = await post(two, token, { ...body, scores: { ...scores, realism: 1 } });
    expect(await late.json()).toMatchObject({ stored: 4, replayed: true });
    expect((await f.store.listRatings({ studyId: 'resend' })).map((r) => r.value)).toEqual([4, 3, 5, 2]);
    // The same id for another item is a client bug, not a resend: refused, and nothing stored.
    const next = (await session(one, token)).item!;
    const reused = await post(one, token, { ...body, assignmentId: next.assignmentId });
    expect(reused.status).toBe(409);
    expect(await f.store.listRatings({ studyId: 'resend' })).toHaveLength(4);
  });

  it('is acknowledged after the study closed, while a new submission is refused', async () => {
    const s = await f.study({ id: 'resend-closed', goldRate: 0, repeatRate: 0 });
    const a = app();
    const token = s.raters[0]!.token;
    const item = (await session(a, token)).item!;
    const body = { kind: 'likert', assignmentId: item.assignmentId, ...clientFields(3000), watchedToEnd: null, scores };
    expect((await post(a, token, body)).status).toBe(200);
    await f.store.setStudyStatus('resend-closed', 'closed');
    expect((await post(a, token, body)).status).toBe(200);
    expect((await post(a, token, { ...body, ...clientFields(3000) })).status).toBe(409);
    expect(await f.store.listRatings({ studyId: 'resend-closed' })).toHaveLength(4);
  });

  it('does not count against the rate limit, which holds across servers', async () => {
    const s = await f.study({ id: 'resend-limit', goldRate: 0, repeatRate: 0 });
    const [one, two] = [app(2), app(2)];
    const token = s.raters[0]!.token;
    const send = async (a: ReturnType<typeof app>, body?: Record<string, unknown>) => {
      const item = (await session(a, token)).item!;
      const sent = body ?? { kind: 'likert', assignmentId: item.assignmentId, ...clientFields(3000), watchedToEnd: null, scores };
      return { sent, status: (await post(a, token, sent)).status };
    };
    const first = await send(one);
    expect((await send(two)).status).toBe(200);
    expect((await send(one, first.sent)).status).toBe(200);
    // The third new submission is one too many, whichever server it reaches.
    expect((await send(two)).status).toBe(429);
    expect((await send(one)).status).toBe(429);
    expect(await f.store.listRatings({ studyId: 'resend-limit' })).toHaveLength(8);
  });
});

describe("the client's timestamps", () => {
  it.each([
    ['answered before shown', (b: Record<string, unknown>) => ({ ...b, shownAt: b.answeredAt, answeredAt: b.shownAt }), /before shownAt/],
    ['a time on item that does not match them', (b: Record<string, unknown>) => ({ ...b, timeMs: 60_000 }), /does not match/],
    ['a clock two hours ahead', () => clientFields(3000, Date.now() + 2 * 3600_000), /120 minutes ahead/],
    ['a clock a day behind', () => clientFields(3000, Date.now() - 24 * 3600_000), /1440 minutes behind/],
  ])('are refused with a 422 when %s, and nothing is stored', async (_what, change, message) => {
    const s = await f.study({ id: `clock-${_what.replaceAll(' ', '-')}`, goldRate: 0, repeatRate: 0 });
    const a = app();
    const token = s.raters[0]!.token;
    const item = (await session(a, token)).item!;
    const body = { kind: 'likert', assignmentId: item.assignmentId, watchedToEnd: null, scores, ...change({ ...clientFields(3000) }) };
    const res = await post(a, token, body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await f.store.listRatings({ studyId: s.study.id })).toEqual([]);
  });
});
