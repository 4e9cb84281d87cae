import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import { ratingUiConfig } from '../../../core/study/study-config.js';
import type { AdminOverview, SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { DIMENSIONS } from '../../../core/types/dimensions.js';
import { clientFields, makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.cleanup());

it('a pairwise study gets gold pairs under their own prompt, and the admin counts a rater who picks the wrong side', async () => {
  const s = await f.study({ id: 'pair-gold', mode: 'pairwise', raters: 1, ratingsPerItem: 1, goldRate: 0.5, repeatRate: 0 });
  const app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
  const config = ratingUiConfig((await f.store.getStudy(s.study.id))!);
  const golds = (await f.store.listAssignments({ studyId: s.study.id })).filter((a) => a.kind === 'gold');
  expect(golds.length).toBeGreaterThan(0);
  const token = s.raters[0]!.token;
  for (;;) {
    const { item } = (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
    if (!item) break;
    const gold = config.gold[item.assignmentId];
    if (gold) {
      // Shown under the prompt of the media it was made for.
      expect(item.prompt.text).toBe((await f.store.getGeneration(gold.textFrom))!.text);
      expect(item.media).toHaveLength(2);
    }
    // A careless rater: the side gold expects to lose, on every dimension.
    const wrong = gold?.expect['text-image-consistency']?.[0] === 1 ? 'B' : 'A';
    const votes = Object.fromEntries(DIMENSIONS.map((d) => [d, wrong]));
    const res = await app.request(`/api/r/${token}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'pairwise', assignmentId: item.assignmentId, ...clientFields(2000), watchedToEnd: null, votes }),
    });
    expect(res.status).toBe(200);
  }
  const overview = (await (await app.request(`/api/admin/${s.adminToken}/overview`)).json()) as AdminOverview;
  expect(overview.raters[0]).toMatchObject({ goldRated: golds.length, goldFailures: golds.length });
});
