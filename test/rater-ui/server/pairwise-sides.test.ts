import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import { ratingUiConfig } from '../../../core/study/study-config.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { DIMENSIONS } from '../../../core/types/dimensions.js';
import { clientFields, GENERATORS, makeFixture, planned, PROMPT_SET, type Fixture } from '../study-fixture.js';

/** Three generators, best first: the rater below always prefers the one earlier in this list. */
const ARENA = [...GENERATORS, 'gen-gamma-3x8z'];
const SAMPLES = 5;

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
  // 4 prompts x 5 samples x 3 generators: 20 prompt groups, 60 pairs.
  await f.store.openRun('run-arena', {});
  let shade = 0;
  for (const g of ARENA) {
    for (const p of PROMPT_SET.prompts) {
      for (let sample = 0; sample < SAMPLES; sample++) {
        const item = planned(g, p.id, { sample, key: `arena/${g}/${p.id}/${sample}`.padEnd(64, 'a') });
        await f.store.planGenerations('run-arena', [item]);
        const png = await sharp({
          create: { width: 32, height: 24, channels: 3, background: { r: shade % 256, g: 90, b: (shade * 7) % 256 } },
        })
          .png()
          .toBuffer();
        shade++;
        const stored = await f.media.put(png, 'image/png');
        await f.store.finishGeneration(item.key, {
          status: 'done',
          mediaHash: stored.hash,
          mime: 'image/png',
          width: 32,
          height: 24,
          latencyMs: 1,
        });
      }
    }
  }
});
afterAll(() => f.cleanup());

it('puts each generator on the left about half the time, drawn per rater and item, and stores votes as the generators the rater chose', async () => {
  const s = await f.study({
    id: 'arena-sides',
    runId: 'run-arena',
    mode: 'pairwise',
    raters: 6,
    ratingsPerItem: 3,
    goldRate: 0,
    repeatRate: 0,
    seed: 'sides-1',
  });
  const assignments = await f.store.listAssignments({ studyId: s.study.id });
  const generatorOf = new Map((await f.store.listGenerations({ runId: 'run-arena' })).map((g) => [g.key, g.generatorId]));
  expect(assignments).toHaveLength(60 * 3);
  for (const g of ARENA) {
    const shown = assignments.filter((a) => a.item.split('|').some((k) => generatorOf.get(k) === g));
    const left = shown.filter((a) => generatorOf.get(a.item.split('|')[0]!) === g).length;
    // Each generator is in 120 showings; a fair coin keeps the left count within 4 standard deviations of half.
    expect(shown).toHaveLength(120);
    expect(Math.abs(left - shown.length / 2)).toBeLessThanOrEqual(4 * Math.sqrt(shown.length / 4));
  }
  // Raters who see the same pair do not all see it the same way round: the draw is per rater and item.
  const byPair = new Map<string, Set<string>>();
  for (const a of assignments) {
    const pair = a.item.split('|').sort().join('|');
    byPair.set(pair, (byPair.get(pair) ?? new Set()).add(a.item));
  }
  expect([...byPair.values()].filter((orders) => orders.size === 2).length).toBeGreaterThan(byPair.size / 2);

  // One rater votes through the API for the better generator, telling the sides apart by the media each side shows.
  const app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
  const config = ratingUiConfig((await f.store.getStudy(s.study.id))!);
  const rater = s.raters[0]!;
  const chosen = new Map<string, string>();
  for (;;) {
    const { item } = (await (await app.request(`/api/r/${rater.token}/session`)).json()) as SessionView;
    if (!item) break;
    const [left, right] = item.media.map((m) => generatorOf.get(config.media[m.url.split('/').pop()!]!)!);
    const better = ARENA.indexOf(left!) < ARENA.indexOf(right!) ? left! : right!;
    chosen.set(item.assignmentId, better);
    const side = better === left ? 'A' : 'B';
    const res = await app.request(`/api/r/${rater.token}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'pairwise',
        assignmentId: item.assignmentId,
        ...clientFields(2000),
        watchedToEnd: null,
        votes: Object.fromEntries(DIMENSIONS.map((d) => [d, side])),
      }),
    });
    expect(res.status).toBe(200);
  }
  const mine = new Map(assignments.filter((a) => a.raterId === rater.id).map((a) => [a.id, a.item.split('|')]));
  expect(chosen.size).toBe(mine.size);
  const ratings = await f.store.listRatings({ studyId: s.study.id, raterId: rater.id });
  expect(ratings).toHaveLength(mine.size * DIMENSIONS.length);
  // Read back as the report reads them (value 1: the item's first key won, 2: its second).
  for (const r of ratings) expect(generatorOf.get(mine.get(r.assignmentId)![r.value === 1 ? 0 : 1]!)).toBe(chosen.get(r.assignmentId));
  expect(new Set(ratings.map((r) => r.value))).toEqual(new Set([1, 2]));
});
