import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyStore } from '../../../core/store/copy-store.js';
import { openStore, type LoupeStore } from '../../../core/store/open-store.js';
import { TABLES, type PortableRow } from '../../../core/store/shared/table-rows.js';
import type { Store } from '../../../core/types/store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { populateStore } from './store-fixtures.js';

let server: PostgresServer;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = await mkdtemp(join(tmpdir(), 'loupe-copy-'));
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function allRows(store: LoupeStore): Promise<Record<string, PortableRow[]>> {
  return store.tables().read(async (reader) => {
    const out: Record<string, PortableRow[]> = {};
    for (const t of TABLES) {
      out[t.name] = [];
      for await (const rows of reader.batches(t, 3)) out[t.name]!.push(...rows);
    }
    return out;
  });
}

/** What the Store interface shows of everything populateStore wrote. */
async function listed(store: Store): Promise<unknown> {
  const studies = await store.listStudies();
  return {
    sets: await store.listPromptSets(),
    runs: await store.listRuns(),
    generations: await store.listGenerations(),
    scores: await store.listScores(),
    studies,
    assignments: await Promise.all(studies.map((s) => store.listAssignments({ studyId: s.id }))),
    ratings: await Promise.all(studies.map((s) => store.listRatings({ studyId: s.id }))),
    served: await Promise.all(studies.map((s) => store.listServed({ studyId: s.id }))),
    coordinatorTokenHash: await store.getCoordinatorTokenHash(),
    questions: await store.listPromptQuestions({ promptSetId: 'counting-basic' }),
  };
}

describe('copyStore', () => {
  it('copies SQLite to Postgres and back without losing a row, an id or a time', async () => {
    const sqlite = await openStore(`sqlite:${join(dir, 'source.db')}`);
    await populateStore(sqlite);
    const postgres = await openStore(await server.createDatabase());
    const back = await openStore(join(dir, 'back.db'));

    const there = await copyStore(sqlite.tables(), postgres.tables(), { batchSize: 2 });
    const again = await copyStore(postgres.tables(), back.tables(), { batchSize: 2 });
    expect(there.map((t) => t.table)).toEqual(TABLES.map((t) => t.name));
    expect(there.find((t) => t.table === 'ratings')?.rows).toBe(5);
    expect(there.find((t) => t.table === 'served_items')?.rows).toBe(1);
    expect(there.find((t) => t.table === 'coordinator_link')?.rows).toBe(1);
    for (const t of there) expect(t.targetChecksum).toBe(t.sourceChecksum);
    expect(again).toEqual(there);

    const original = await allRows(sqlite);
    expect(await allRows(postgres)).toEqual(original);
    expect(await allRows(back)).toEqual(original);
    expect(await listed(postgres)).toEqual(await listed(sqlite));
    expect(await listed(back)).toEqual(await listed(sqlite));

    // New rows continue after the copied ids.
    const ratings = await postgres.listRatings({ studyId: 's-like' });
    const next = await postgres.addRating({ ...ratings[0]!, value: 1 });
    expect(next.id).toBeGreaterThan(Math.max(...ratings.map((r) => r.id)));
    await postgres.planGenerations('run-a', [{ ...(await postgres.getGeneration('k4'))!, key: 'k5' }]);
    const ids = (await allRows(postgres)).generations!.map((g) => g.id as number);
    expect(ids.at(-1)).toBeGreaterThan(ids.at(-2)!);
    for (const s of [sqlite, postgres, back]) await s.close();
  });

  it('refuses a non-empty target unless forced, and then replaces its content', async () => {
    const source = await openStore(join(dir, 'force-source.db'));
    await populateStore(source);
    const target = await openStore(await server.createDatabase());
    await target.openRun('old-run', {});
    await expect(copyStore(source.tables(), target.tables())).rejects.toThrow(/not empty \(runs: 1 rows\).*--force/);
    expect((await target.listRuns()).map((r) => r.id)).toEqual(['old-run']);
    await copyStore(source.tables(), target.tables(), { force: true });
    expect(await listed(target)).toEqual(await listed(source));
    await source.close();
    await target.close();
  });
});
