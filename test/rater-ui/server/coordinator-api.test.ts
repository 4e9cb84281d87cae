import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { hashToken, newToken } from '../../../core/study/tokens.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import type { CoordinatorOverview, StudyCreated } from '../../../rater-ui/shared/study-create-schema.js';
import { GENERATORS, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
let app: ReturnType<typeof createRaterApp>;
let existing: CreatedStudy;
const coordinator = newToken();

beforeAll(async () => {
  f = await makeFixture();
  await f.store.createCoordinatorTokenHash(hashToken(coordinator));
  app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
  existing = await f.study({ id: 'coord-existing' });
});
afterAll(() => f.cleanup());

const overview = (token: string) => app.request(`/api/coordinator/${token}/overview`);
const create = (token: string, body: unknown) =>
  app.request(`/api/coordinator/${token}/studies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const form = (over: Record<string, unknown> = {}) => ({
  runId: 'run-img',
  mode: 'likert',
  raters: 2,
  ratingsPerItem: 2,
  goldRate: 0,
  repeatRate: 0,
  ...over,
});
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('coordinator API', () => {
  it('lists the runs with what a study can be filtered by, and the studies', async () => {
    const res = await overview(coordinator);
    expect(res.status).toBe(200);
    const o = (await res.json()) as CoordinatorOverview;
    expect(o.runs.find((r) => r.id === 'run-img')).toMatchObject({
      generations: 8,
      generators: [...GENERATORS],
      categories: ['counting', 'culture'],
      sets: ['rater-fixture'],
    });
    expect(o.studies.find((s) => s.id === 'coord-existing')).toMatchObject({ runId: 'run-img', mode: 'likert', raters: 2, status: 'open' });
  });

  it('opens only with the coordinator token: a rater, a study admin or a server without one gets 401', async () => {
    for (const token of [existing.raters[0]!.token, existing.adminToken, newToken(), 'short']) {
      expect((await overview(token)).status).toBe(401);
      expect((await create(token, form())).status).toBe(401);
    }
    // A store where no coordinator link was made yet opens for no token.
    const bare = await openSqliteStore(':memory:');
    const without = createRaterApp({ store: bare, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
    expect((await without.request(`/api/coordinator/${coordinator}/overview`)).status).toBe(401);
    await bare.close();
    // Nor does the coordinator token open a study's admin API.
    expect((await app.request(`/api/admin/${coordinator}/overview`)).status).toBe(401);
  });

  it.each([
    ['no raters', { raters: 0 }, /^invalid request: raters: /],
    ['a gold rate above 0.5', { goldRate: 0.9 }, /^invalid request: goldRate: /],
    ['an unknown mode', { mode: 'arena' }, /^invalid request: mode: /],
    ['an empty number field', { ratingsPerItem: null }, /^invalid request: ratingsPerItem: /],
    ['an unknown field', { colour: 'red' }, /colour/],
    ['an unknown run', { runId: 'run-none' }, /^invalid request: runId: unknown run "run-none"/],
    ['an existing study id', { id: 'coord-existing' }, /^invalid request: id: /],
    ['an example that is not in the run', { examples: { realism: { low: 'nope', high: 'nope' } } }, /examples\.realism\.low/],
    ['more ratings per item than raters', { ratingsPerItem: 3 }, /3 ratings per item need at least 3 raters/],
  ])('refuses %s with a 422 that names the field, and makes nothing', async (_what, over, message) => {
    const before = (await f.store.listStudies()).length;
    const res = await create(coordinator, form(over));
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatch(message);
    expect(await f.store.listStudies()).toHaveLength(before);
  });

  it('makes a study whose private links work once shown; the examples are served blind and never rated', async () => {
    const keys = (await f.store.listGenerations({ runId: 'run-img' })).map((g) => g.key);
    const res = await create(
      coordinator,
      form({
        id: 'coord-made',
        name: 'Made here',
        raters: 3,
        categories: ['counting'],
        examples: { realism: { low: keys[0], high: keys[4] } },
      }),
    );
    expect(res.status).toBe(201);
    const made = (await res.json()) as StudyCreated;
    expect(made).toMatchObject({ study: { id: 'coord-made', name: 'Made here', mode: 'likert' } });
    expect(made.raters.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(made.adminPath).toMatch(/^\/admin\/[A-Za-z0-9_-]{43}$/);
    expect((await app.request(`/api${made.adminPath}/overview`)).status).toBe(200);

    const session = (await (await app.request(`/api${made.raters[0]!.path}/session`)).json()) as SessionView;
    expect(session.studyName).toBe('Made here');
    const realism = session.examples.realism!;
    for (const m of [realism.low, realism.high]) {
      expect(m.url).toMatch(new RegExp(`^/api${made.raters[0]!.path}/media/[A-Za-z0-9_-]{16}$`));
      const media = await app.request(m.url);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('image/png');
    }
    expect(JSON.stringify(session)).not.toMatch(new RegExp([...GENERATORS, keys[0]!, keys[4]!].join('|')));
    // Counting prompts (four generations) less the two examples: two items, none of them an example.
    const items = new Set((await f.store.listAssignments({ studyId: 'coord-made' })).map((a) => a.item));
    expect(made.items).toBe(2);
    expect(items.has(keys[0]!) || items.has(keys[4]!)).toBe(false);
  });
});
