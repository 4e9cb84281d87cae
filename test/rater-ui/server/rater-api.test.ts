import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { clientFields, GENERATORS, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
let app: ReturnType<typeof createRaterApp>;
let likert: CreatedStudy;
let video: CreatedStudy;
let split: CreatedStudy;

beforeAll(async () => {
  f = await makeFixture();
  app = createRaterApp({
    store: f.store,
    media: f.media,
    assetsDir: '/nonexistent',
    rateLimit: { max: 40, windowMs: 60_000 },
    log: () => undefined,
  });
  likert = await f.study({ id: 'api-likert' });
  video = await f.study({ id: 'api-video', runId: 'run-video', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
  split = await f.study({ id: 'api-split', ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
});
afterAll(() => f.cleanup());

const tok = (s: CreatedStudy, i = 0) => s.raters[i]!.token;
const session = async (token: string) => (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
const post = (token: string, body: unknown) =>
  app.request(`/api/r/${token}/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const scores = (over: Record<string, unknown> = {}) => ({
  'text-image-consistency': 4,
  realism: 3,
  'visual-quality': 5,
  'aesthetic-quality': 2,
  ...over,
});
const likertBody = (assignmentId: string, over: Record<string, unknown> = {}) => ({
  kind: 'likert',
  assignmentId,
  ...clientFields(4200),
  watchedToEnd: null,
  scores: scores(),
  ...over,
});
const rowsIn = (studyId: string) => f.store.listRatings({ studyId });

describe('rater API: bad submissions are refused and store nothing', () => {
  it.each([
    ['a score of 0', { scores: scores({ realism: 0 }) }, /realism.*>=1/],
    ['a score of 6', { scores: scores({ realism: 6 }) }, /realism.*<=5/],
    ['a score of 3.5', { scores: scores({ realism: 3.5 }) }, /realism.*int/],
    ['an unknown dimension', { scores: scores({ sharpness: 3 }) }, /sharpness/],
    ['a missing dimension', { scores: { realism: 3 } }, /text-image-consistency/],
    ['a pairwise vote in a likert study', { kind: 'pairwise', scores: undefined, votes: { realism: 'A' } }, /./],
    ['a negative time', { timeMs: -1 }, /timeMs/],
    ['no submission id', { submissionId: undefined }, /submissionId/],
    ['a submission id with a slash', { submissionId: 'a/b'.repeat(8) }, /submissionId/],
    ['a shownAt that is not a time', { shownAt: 'yesterday' }, /shownAt/],
  ])('refuses %s with a 400 that names the field', async (_what, over, message) => {
    const { item } = await session(tok(likert));
    const res = await post(tok(likert), likertBody(item!.assignmentId, over));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await rowsIn('api-likert')).toEqual([]);
  });

  it("refuses malformed JSON, a wrong token, and another rater's item", async () => {
    expect((await post(tok(likert), '{"kind":')).status).toBe(400);
    const other = (await session(tok(likert, 1))).item!.assignmentId;
    const stolen = await post(tok(likert, 0), likertBody(other));
    expect(stolen.status).toBe(404);
    expect(((await stolen.json()) as { error: string }).error).toMatch(/among your items/);
    const wrong = await post('A'.repeat(43), likertBody(other));
    expect(wrong.status).toBe(401);
    expect((await app.request('/api/r/short/session')).status).toBe(401);
    expect((await post(tok(likert), likertBody(other, { pad: 'x'.repeat(20_000) }))).status).toBe(413);
    expect(await rowsIn('api-likert')).toEqual([]);
  });

  it('keeps rater and admin apart', async () => {
    expect((await app.request(`/api/admin/${tok(likert)}/overview`)).status).toBe(401);
    expect((await app.request(`/api/r/${likert.adminToken}/session`)).status).toBe(401);
    expect((await app.request(`/api/admin/${likert.adminToken}/overview`)).status).toBe(200);
  });

  it('refuses a video score unless the clip played to the end, but takes "cannot rate" at once', async () => {
    const { item } = await session(tok(video));
    expect(item!.media[0]!.type).toBe('video');
    for (const watchedToEnd of [false, null]) {
      const res = await post(tok(video), likertBody(item!.assignmentId, { watchedToEnd }));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(/play to the end/);
    }
    expect(await rowsIn('api-video')).toEqual([]);
    const cannot = await post(tok(video), {
      kind: 'cannot-rate',
      assignmentId: item!.assignmentId,
      ...clientFields(900),
      watchedToEnd: false,
      reason: 'does-not-load',
    });
    expect(cannot.status).toBe(200);
    const stored = await rowsIn('api-video');
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => r.value === null && r.cannotRate === 'does-not-load' && r.watchedToEnd === false)).toBe(true);
  });

  it('serves a video without its metadata, and answers byte ranges so it can seek', async () => {
    const clip = await f.study({ id: 'api-video-media', runId: 'run-video', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const url = (await session(tok(clip))).item!.media[0]!.url;
    const whole = await app.request(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
    expect(bytes.toString('latin1')).not.toContain(GENERATORS[0]);
    expect(bytes.toString('latin1')).not.toContain('synthetic');
    const part = await app.request(url, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20));
    expect((await app.request(url, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);
  });

  it("serves media only by the opaque id of one of the rater's own items; paths cannot escape", async () => {
    const mine = (await session(tok(split, 0))).item!.media[0]!.url;
    const theirs = (await session(tok(split, 1))).item!.media[0]!.url;
    expect((await app.request(mine)).status).toBe(200);
    const id = theirs.split('/').pop()!;
    expect((await app.request(`/api/r/${tok(split, 0)}/media/${id}`)).status).toBe(404);
    for (const evil of ['..%2F..%2F..%2Fetc%2Fpasswd', '..%2Floupe.db', '%2e%2e', 'AAAAAAAAAAAAAAAA']) {
      const res = await app.request(`/api/r/${tok(split, 0)}/media/${evil}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/root:|SQLite/);
    }
  });
});

describe('rater API: accepted ratings', () => {
  it('appends four rows, committed before the reply, and moves to the next item', async () => {
    const before = await session(tok(likert));
    const res = await post(tok(likert), likertBody(before.item!.assignmentId));
    expect(res.status).toBe(200);
    // A second connection sees the rows: they were committed before the 200.
    const db = new Database(f.store.file, { readonly: true });
    const rows = db
      .prepare('SELECT dimension, value, time_ms, watched_to_end, rater_id FROM ratings WHERE assignment_id = ? ORDER BY id')
      .all(before.item!.assignmentId);
    db.close();
    expect(rows).toEqual([
      { dimension: 'text-image-consistency', value: 4, time_ms: 4200, watched_to_end: null, rater_id: 'r1' },
      { dimension: 'realism', value: 3, time_ms: 4200, watched_to_end: null, rater_id: 'r1' },
      { dimension: 'visual-quality', value: 5, time_ms: 4200, watched_to_end: null, rater_id: 'r1' },
      { dimension: 'aesthetic-quality', value: 2, time_ms: 4200, watched_to_end: null, rater_id: 'r1' },
    ]);
    const { session: after } = (await res.json()) as { session: SessionView };
    expect(after.done).toBe(before.done + 1);
    expect(after.item!.assignmentId).not.toBe(before.item!.assignmentId);
  });

  it('refuses ratings once the study is closed, and keeps those already given', async () => {
    const s = await f.study({ id: 'api-closed', goldRate: 0, repeatRate: 0 });
    const item = (await session(tok(s))).item!;
    expect((await post(tok(s), likertBody(item.assignmentId))).status).toBe(200);
    const closing = await app.request(`/api/admin/${s.adminToken}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"status":"closed"}',
    });
    expect(closing.status).toBe(200);
    const next = await session(tok(s));
    expect(next).toMatchObject({ status: 'closed', item: null, done: 1 });
    expect((await post(tok(s), likertBody(`${s.study.id}-r1-1`))).status).toBe(409);
    expect(await rowsIn('api-closed')).toHaveLength(4);
  });

  it('limits the rate of submissions per rater', async () => {
    const limited = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', rateLimit: { max: 2, windowMs: 60_000 } });
    const s = await f.study({ id: 'api-limit', goldRate: 0, repeatRate: 0 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const item = ((await (await limited.request(`/api/r/${tok(s)}/session`)).json()) as SessionView).item!;
      const res = await limited.request(`/api/r/${tok(s)}/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(likertBody(item.assignmentId)),
      });
      codes.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(codes).toEqual([200, 200, 429]);
    expect(await rowsIn('api-limit')).toHaveLength(8);
  });

  it('never names a generator, a key or a media hash in what a rater receives', async () => {
    const s = await f.study({ id: 'api-blind' });
    const seen: string[] = [];
    for (;;) {
      const res = await app.request(`/api/r/${tok(s)}/session`);
      seen.push(JSON.stringify(headerPairs(res.headers)), await res.text());
      const item = (JSON.parse(seen.at(-1)!) as SessionView).item;
      if (!item) break;
      const media = await app.request(item.media[0]!.url);
      seen.push(JSON.stringify(headerPairs(media.headers)), Buffer.from(await media.arrayBuffer()).toString('latin1'));
      const sent = await post(tok(s), likertBody(item.assignmentId));
      seen.push(JSON.stringify(headerPairs(sent.headers)), await sent.text());
    }
    expect(seen.length).toBeGreaterThan(20);
    const all = seen.join('\n');
    for (const secret of [...GENERATORS, 'synthetic', 'run-img', ...f.secrets]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/[0-9a-f]{64}/);
  });
});

function headerPairs(headers: Headers): [string, string][] {
  const pairs: [string, string][] = [];
  headers.forEach((value, name) => pairs.push([name, value]));
  return pairs;
}
