import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import { openStore } from '../../../core/store/open-store.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { extendStudy } from '../../../core/study/extend-study.js';
import type { Store } from '../../../core/types/store.js';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { RATINGS_PER_ITEM, seedStudy } from './multi-instance/seed-study.js';

// Two servers, each with its own store connection and its own caches (as two processes have),
// and a third connection standing for the CLI: a change made through one is seen by the others
// on their next request, though each has already served (and cached) the study.
describe.each(['sqlite', 'postgres'] as const)('study caches of two servers on one %s store', (backend) => {
  let pg: PostgresServer | undefined;
  let dir: string;
  let cli: Store;
  let stores: Store[] = [];
  let servers: ReturnType<typeof createRaterApp>[];
  let study: CreatedStudy;
  let media: FolderMediaStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-access-'));
    if (backend === 'postgres') pg = await startPostgres();
    const spec = pg ? await pg.createDatabase() : `sqlite:${join(dir, 'loupe.db')}`;
    media = new FolderMediaStore(join(dir, 'media'));
    cli = await openStore(spec);
    study = await seedStudy(cli, media, 6, 4);
    stores = [await openStore(spec), await openStore(spec)];
    servers = stores.map((store) => createRaterApp({ store, media, assetsDir: '/nonexistent', log: () => undefined }));
  });
  afterAll(async () => {
    await Promise.all([cli, ...stores].map((s) => s?.close()));
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const session = async (server: number, token: string) => {
    const res = await servers[server]!.request(`/api/r/${token}/session`);
    return { status: res.status, view: res.ok ? ((await res.json()) as SessionView) : null };
  };
  const both = (token: string) => Promise.all([session(0, token), session(1, token)]);

  it('sees a study closed and reopened elsewhere on the next request', async () => {
    const token = study.raters[0]!.token;
    for (const s of await both(token)) expect(s.view).toMatchObject({ status: 'open', item: { index: 1 } });
    await cli.setStudyStatus(study.study.id, 'closed');
    for (const s of await both(token)) expect(s.view).toMatchObject({ status: 'closed', item: null });
    const reopened = await servers[0]!.request(`/api/admin/${study.adminToken}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'open' }),
    });
    expect(reopened.status).toBe(200);
    for (const s of await both(token)) expect(s.view).toMatchObject({ status: 'open', item: { index: 1 } });
  });

  it("sees a study extended elsewhere on the next request: each rater's new items and the new rater's link", async () => {
    const totals = async () => Promise.all(study.raters.map(async (r) => (await both(r.token)).map((s) => s.view!.total)));
    const before = await totals();
    const extended = await extendStudy(cli, study.study.id, { addRaters: 1, ratingsPerItem: RATINGS_PER_ITEM + 1 }, { media });
    const after = await totals();
    const planned = await Promise.all(
      study.raters.map(async (r) => (await cli.listAssignments({ studyId: study.study.id, raterId: r.id })).length),
    );
    expect(after).toEqual(planned.map((n) => [n, n]));
    expect(after.flat().reduce((a, b) => a + b)).toBeGreaterThan(before.flat().reduce((a, b) => a + b));
    for (const s of await both(extended.raters[0]!.token)) expect(s).toMatchObject({ status: 200, view: { status: 'open', done: 0 } });
  });

  it('refuses on the other server a rater link replaced on one, and accepts the new link there', async () => {
    const rater = study.raters[1]!;
    await both(rater.token);
    const res = await servers[0]!.request(`/api/admin/${study.adminToken}/raters/${rater.id}/link`, { method: 'POST' });
    const { path } = (await res.json()) as { path: string };
    expect((await session(1, rater.token)).status).toBe(401);
    expect(await session(1, path.replace('/r/', ''))).toMatchObject({ status: 200, view: { status: 'open' } });
  });
});
