import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { RaterLinkReplaced, SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { replaceCoordinatorToken } from '../../../core/study/coordinator-link.js';
import { replaceRaterToken } from '../../../core/study/rater-link.js';
import { ratingUiConfig } from '../../../core/study/study-config.js';
import { hashToken, newToken } from '../../../core/study/tokens.js';
import { clientFields, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
let app: ReturnType<typeof createRaterApp>;

beforeAll(async () => {
  f = await makeFixture();
  app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
});
afterAll(() => f.cleanup());

const plain = { goldRate: 0, repeatRate: 0, raters: 2, ratingsPerItem: 2 };
const sessionOf = (token: string) => app.request(`/api/r/${token}/session`);
const session = async (token: string) => (await (await sessionOf(token)).json()) as SessionView;
const rate = (token: string, assignmentId: string) =>
  app.request(`/api/r/${token}/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'likert',
      assignmentId,
      ...clientFields(4200),
      watchedToEnd: null,
      scores: { 'text-image-consistency': 4, realism: 3, 'visual-quality': 5, 'aesthetic-quality': 2 },
    }),
  });
const replace = (adminToken: string, raterId: string) => app.request(`/api/admin/${adminToken}/raters/${raterId}/link`, { method: 'POST' });
const body = async (res: Response) => (await res.json()) as unknown;

describe("replacing a lost rater's link", () => {
  it('refuses the old link like an unknown one; the new one resumes the same rater at the same place, ratings kept', async () => {
    const s = await f.study({ id: 'links-rater', ...plain });
    const old = s.raters[0]!.token;
    const rated: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await session(old)).item!.assignmentId;
      expect((await rate(old, id)).status).toBe(200);
      rated.push(id);
    }
    const before = await session(old);
    const rows = await f.store.listRatings({ studyId: 'links-rater', raterId: 'r1' });
    expect(rows.map((r) => r.assignmentId)).toEqual(rated.flatMap((id) => Array<string>(4).fill(id)));

    const res = await replace(s.adminToken, 'r1');
    expect(res.status).toBe(200);
    const reply = (await res.json()) as RaterLinkReplaced;
    expect(reply.raterId).toBe('r1');
    expect(reply.path).toMatch(/^\/r\/[A-Za-z0-9_-]{43}$/);
    const fresh = reply.path.slice('/r/'.length);

    const refused = await sessionOf(old);
    expect(refused.status).toBe(401);
    expect(await body(refused)).toEqual(await body(await sessionOf(newToken())));
    expect((await rate(old, before.item!.assignmentId)).status).toBe(401);

    const after = await session(fresh);
    expect({ total: after.total, done: after.done, next: after.item?.assignmentId, last: after.correctable?.assignmentId }).toEqual({
      total: before.total,
      done: 2,
      next: before.item!.assignmentId,
      last: rated[1],
    });
    expect((await rate(fresh, after.item!.assignmentId)).status).toBe(200);
    const now = await f.store.listRatings({ studyId: 'links-rater', raterId: 'r1' });
    expect(now.slice(0, rows.length)).toEqual(rows);
    expect(now).toHaveLength(rows.length + 4);
    // The other rater's link is untouched; the store holds the new link's hash, not the link.
    expect((await sessionOf(s.raters[1]!.token)).status).toBe(200);
    const study = (await f.store.getStudy('links-rater'))!;
    expect(ratingUiConfig(study).raters[0]).toEqual({ id: 'r1', tokenHash: hashToken(fresh) });
    expect(JSON.stringify(study)).not.toContain(fresh);
  });

  it('answers only the admin link, names an unknown rater, and never shows a stored hash', async () => {
    const s = await f.study({ id: 'links-refusals', ...plain });
    expect((await replace(s.raters[0]!.token, 'r1')).status).toBe(401);
    const unknown = await replace(s.adminToken, 'r9');
    expect(unknown.status).toBe(404);
    expect(await body(unknown)).toEqual({ error: 'no rater "r9" in this study' });

    const reply = await (await replace(s.adminToken, 'r2')).text();
    const overview = await (await app.request(`/api/admin/${s.adminToken}/overview`)).text();
    const config = ratingUiConfig((await f.store.getStudy('links-refusals'))!);
    const hashes = [config.adminTokenHash, ...config.raters.map((r) => r.tokenHash), hashToken(s.raters[1]!.token)];
    for (const hash of hashes) expect(reply + overview).not.toContain(hash);
  });

  it('stops a link replaced by another process (the CLI) at once on a running server', async () => {
    const s = await f.study({ id: 'links-cli', ...plain });
    const old = s.raters[1]!.token;
    expect((await sessionOf(old)).status).toBe(200);
    const fresh = await replaceRaterToken(f.store, 'links-cli', 'r2');
    expect((await sessionOf(old)).status).toBe(401);
    expect((await sessionOf(fresh)).status).toBe(200);
    await expect(replaceRaterToken(f.store, 'links-cli', 'r3')).rejects.toThrow(
      'study "links-cli" has no rater "r3"; its raters are r1, r2',
    );
    await expect(replaceRaterToken(f.store, 'no-such', 'r1')).rejects.toThrow(/unknown study "no-such"/);
  });
});

describe('replacing the coordinator link', () => {
  it('stops the old link at once on a running server and opens the new one', async () => {
    const first = newToken();
    await f.store.createCoordinatorTokenHash(hashToken(first));
    const overview = (token: string) => app.request(`/api/coordinator/${token}/overview`);
    expect((await overview(first)).status).toBe(200);
    const second = await replaceCoordinatorToken(f.store);
    const refused = await overview(first);
    expect(refused.status).toBe(401);
    expect(await body(refused)).toEqual({
      error: 'this link is not valid; use the coordinator link `loupe rate` printed, or make a new one with `loupe rate coordinator-link`',
    });
    expect((await overview(second)).status).toBe(200);
    expect(await f.store.getCoordinatorTokenHash()).toBe(hashToken(second));
  });
});
