import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMediaStore } from '../../../../core/media-store/folder-media-store.js';
import { openStore } from '../../../../core/store/open-store.js';
import { mulberry32 } from '../../../../core/types/seeded-random.js';
import type { Store } from '../../../../core/types/store.js';
import { ensureBundle } from '../../../../rater-ui/server/build-ui.js';
import type { CreatedStudy } from '../../../../core/study/create-study.js';
import { extendStudy } from '../../../../core/study/extend-study.js';
import { startPostgres, type PostgresServer } from '../../../helpers/postgres-server.js';
import { smallConfig } from '../../../core/cli/config-fixtures.js';
import { startRateProcess, type RateProcess } from './rate-processes.js';
import { RATINGS_PER_ITEM, seedStudy } from './seed-study.js';
import { simulateRater, type RaterOutcome } from './simulated-rater.js';

const RATERS = 12;
const ITEMS = 24;
/** Ratings per item after the extension made during the test. */
const PLANNED = RATINGS_PER_ITEM + 1;

describe.each(['postgres', 'sqlite'] as const)('one study served by two `loupe rate` processes on one %s store', (backend) => {
  let pg: PostgresServer | undefined;
  let dir: string;
  let store: Store;
  let study: CreatedStudy;
  let media: FolderMediaStore;
  let servers: RateProcess[] = [];
  let outcomes: RaterOutcome[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-multi-'));
    if (backend === 'postgres') pg = await startPostgres();
    const spec = pg ? await pg.createDatabase() : `sqlite:${join(dir, 'loupe.db')}`;
    const location = pg ? { postgres: spec } : { sqlite: join(dir, 'loupe.db') };
    const config = join(dir, 'loupe.config.yaml');
    writeFileSync(config, smallConfig({ extra: `store: ${JSON.stringify(location)}\nmedia: { folder: media }` }));
    store = await openStore(spec);
    media = new FolderMediaStore(join(dir, 'media'));
    study = await seedStudy(store, media, ITEMS, RATERS);
    // Built once here, so the two servers find it current instead of both building it.
    await ensureBundle();
    servers = await Promise.all([startRateProcess(config, dir), startRateProcess(config, dir)]);
    const urls = servers.map((s) => s.url);
    const simulate = (raters: readonly { id: string; token: string }[], seed: number) =>
      Promise.all(raters.map((r, i) => simulateRater(urls, r.id, r.token, mulberry32(seed + i))));
    // The study is extended while the raters work: both servers must pick up the new raters and items.
    const [firstPass, extended] = await Promise.all([
      simulate(study.raters, 1000),
      extendStudy(store, study.study.id, { addRaters: 2, ratingsPerItem: PLANNED }, { media }),
    ]);
    const everyone = [...study.raters, ...extended.raters];
    // A rater who finished before the extension comes back for the items it added.
    const secondPass = await simulate(everyone, 2000);
    outcomes = secondPass.map((o, i) => ({
      ...o,
      acknowledged: [...(firstPass[i]?.acknowledged ?? []), ...o.acknowledged],
      refused: [...(firstPass[i]?.refused ?? []), ...o.refused],
    }));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lets every rater finish, the two added while they worked included, with every request answered by either server', () => {
    expect(outcomes).toHaveLength(RATERS + 2);
    expect(outcomes.flatMap((o) => o.refused)).toEqual([]);
    for (const o of outcomes) expect(o.last).toMatchObject({ item: null, status: 'open', done: o.last.total });
    for (const s of servers) expect(outcomes.reduce((n, o) => n + (o.served.get(s.url) ?? 0), 0)).toBeGreaterThan(0);
  });

  it('assigns no item beyond its planned ratings, and no rater rates one beyond them', async () => {
    const assignments = await store.listAssignments({ studyId: study.study.id });
    const ratings = await store.listRatings({ studyId: study.study.id });
    const itemOf = new Map(assignments.map((a) => [a.id, a]));
    const planned = new Map<string, Set<string>>();
    for (const a of assignments.filter((x) => x.kind === 'normal')) planned.set(a.item, (planned.get(a.item) ?? new Set()).add(a.raterId));
    expect(planned.size).toBe(ITEMS);
    for (const raters of planned.values()) expect(raters.size).toBe(PLANNED);
    expect(assignments.filter((a) => a.kind === 'normal')).toHaveLength(ITEMS * PLANNED);
    const ratedBy = new Map<string, Set<string>>();
    for (const r of ratings) {
      const a = itemOf.get(r.assignmentId)!;
      expect(a.raterId).toBe(r.raterId);
      if (a.kind !== 'gold') ratedBy.set(a.item, (ratedBy.get(a.item) ?? new Set()).add(r.raterId));
    }
    for (const [item, raters] of ratedBy) expect([...raters].every((r) => planned.get(item)!.has(r))).toBe(true);
  });

  it('stores every acknowledged rating exactly once, and nothing that was not acknowledged', async () => {
    const acknowledged = outcomes.flatMap((o) => o.acknowledged);
    const ratings = await store.listRatings({ studyId: study.study.id });
    const assignments = await store.listAssignments({ studyId: study.study.id });
    expect(acknowledged).toHaveLength(assignments.length);
    expect(ratings).toHaveLength(4 * acknowledged.length);
    for (const a of acknowledged) {
      const rows = ratings.filter((r) => r.submissionId === a.submissionId);
      expect(rows.map((r) => [r.raterId, r.assignmentId, r.value])).toEqual(a.values.map((v) => [a.raterId, a.assignmentId, v]));
    }
    expect(new Set(ratings.map((r) => r.assignmentId)).size).toBe(assignments.length);
  });
});
