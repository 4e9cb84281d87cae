import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentRecord } from '../../../core/types/store.js';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import { unitId } from '../../../core/study/assign.js';
import { extendStudy } from '../../../core/study/extend-study.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { GENERATORS, makeFixture, PROMPT_SET, type Fixture } from '../../rater-ui/study-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await makeFixture();
});
afterAll(() => f.cleanup());

/** Raters per unit among normal assignments; a rater holding a unit twice counts twice. */
function ratersPerUnit(assignments: readonly AssignmentRecord[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of assignments.filter((x) => x.kind === 'normal')) out.set(unitId(a.item), [...(out.get(unitId(a.item)) ?? []), a.raterId]);
  return out;
}

/** A new finished generation in run-img, as a later `loupe generate` would make. */
async function addGeneration(generatorId: string, sample: number): Promise<void> {
  const [before] = await f.store.listGenerations({ runId: 'run-img', generatorId });
  const key = `${generatorId}/extra/${sample}`.padEnd(64, 'x');
  await f.store.planGenerations('run-img', [{ ...before!, key, sample }]);
  await f.store.finishGeneration(key, {
    status: 'done',
    mediaHash: before!.mediaHash!,
    mime: 'image/png',
    width: 96,
    height: 64,
    latencyMs: 1,
  });
}

describe('study extend', () => {
  it("adds raters, more ratings per item and the run's new items; a server started before sees them at once", async () => {
    const s = await f.study({ id: 'ext', raters: 2, ratingsPerItem: 2, goldRate: 0.25, repeatRate: 0 });
    const app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
    const session = async (token: string) => (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
    const before = await f.store.listAssignments({ studyId: 'ext' });
    const totalBefore = (await session(s.raters[0]!.token)).total;
    await addGeneration(GENERATORS[1], 1);

    const done = await extendStudy(f.store, 'ext', { addRaters: 2, ratingsPerItem: 3 }, f);
    expect(done.raters.map((r) => r.id)).toEqual(['r3', 'r4']);
    expect(done.newUnits).toBe(1);
    const after = await f.store.listAssignments({ studyId: 'ext' });
    // The old assignments are untouched; every rater's new ones come after them.
    expect(after.filter((a) => before.some((b) => b.id === a.id))).toEqual(before);
    for (const a of after.filter((x) => !before.some((b) => b.id === x.id))) {
      expect(a.position).toBeGreaterThan(Math.max(-1, ...before.filter((b) => b.raterId === a.raterId).map((b) => b.position)));
    }
    const units = ratersPerUnit(after);
    expect(units.size).toBe(2 * PROMPT_SET.prompts.length + 1);
    for (const raters of units.values()) {
      expect(raters).toHaveLength(3);
      expect(new Set(raters).size).toBe(3);
    }
    expect(after.some((a) => a.raterId === 'r3' && a.kind === 'gold')).toBe(true);

    // The server made before the extension serves the new rater, the new items, and their media.
    const newcomer = await session(done.raters[0]!.token);
    expect(newcomer.total).toBe(after.filter((a) => a.raterId === 'r3').length);
    expect((await app.request(newcomer.item!.media[0]!.url)).status).toBe(200);
    expect((await session(s.raters[0]!.token)).total).toBe(after.filter((a) => a.raterId === 'r1').length);
    expect(after.filter((a) => a.raterId === 'r1').length).toBeGreaterThanOrEqual(totalBefore);
  });

  it('lets only one of two simultaneous extensions through, and refuses fewer ratings per item or a closed study', async () => {
    await f.study({ id: 'ext-race', raters: 2, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const results = await Promise.allSettled([
      extendStudy(f.store, 'ext-race', { addRaters: 1, ratingsPerItem: 2 }, f),
      extendStudy(f.store, 'ext-race', { addRaters: 1, ratingsPerItem: 2 }, f),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(
      /changed while it was being extended/,
    );
    for (const raters of ratersPerUnit(await f.store.listAssignments({ studyId: 'ext-race' })).values()) expect(raters).toHaveLength(2);
    await expect(extendStudy(f.store, 'ext-race', { addRaters: 0, ratingsPerItem: 1 }, f)).rejects.toThrow(/can only grow/);
    await f.store.setStudyStatus('ext-race', 'closed');
    await expect(extendStudy(f.store, 'ext-race', { addRaters: 1 }, f)).rejects.toThrow(/closed/);
  });

  it('prepares the media of a study made before media were prepared for raters, which its server refuses until then', async () => {
    const s = await f.study({ id: 'ext-old', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const { blinded, ...older } = (await f.store.getStudy('ext-old'))!.config as Record<string, unknown>;
    expect(Object.keys(blinded as object).length).toBeGreaterThan(0);
    await f.store.extendStudy('ext-old', { from: s.study.config, to: older, assignments: [] });
    const app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
    const token = s.raters[0]!.token;
    const url = ((await (await app.request(`/api/r/${token}/session`)).json()) as SessionView).item!.media[0]!.url;
    const refused = await app.request(url);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/not prepared for raters .* extending the study/) });
    await extendStudy(f.store, 'ext-old', { addRaters: 0 }, f);
    const config = (await f.store.getStudy('ext-old'))!.config as { media: Record<string, string>; blinded: Record<string, unknown> };
    expect(Object.keys(config.blinded).sort()).toEqual([...new Set(Object.values(config.media))].sort());
    const served = await app.request(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  });
});
