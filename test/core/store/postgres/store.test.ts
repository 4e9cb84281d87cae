import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK, PG_MIGRATIONS } from '../../../../core/store/postgres/migrations.js';
import { openPostgresStore } from '../../../../core/store/postgres/store.js';
import { MIGRATIONS } from '../../../../core/store/sqlite/migrations.js';
import { startPostgres, type PostgresServer } from '../../../helpers/postgres-server.js';
import { describeStoreContract } from '../store-contract.js';
import { planned, promptSet } from '../store-fixtures.js';
import { runStoreWorker } from '../store-workers.js';
import { checkMigrationToV4 } from '../store-migration-v4.js';
import { checkMigrationToV5 } from '../store-migration-v5.js';
import { checkMigrationToV6 } from '../store-migration-v6.js';
import { checkMigrationToV7 } from '../store-migration-v7.js';

let server: PostgresServer;
let admin: pg.Client;
const TEMPLATE = 'loupe_migrated';

// One server for the file; each test gets a database cloned from one migrated template.
beforeAll(async () => {
  server = await startPostgres();
  await (await openPostgresStore(await server.createDatabase(TEMPLATE))).close();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

let made = 0;
async function migratedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `loupe_test_${++made}`;
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE} STRATEGY FILE_COPY`);
  return { url: server.url.replace(/\/postgres$/, `/${name}`), drop: async () => void (await admin.query(`DROP DATABASE ${name}`)) };
}

describeStoreContract('postgres', async () => {
  const db = await migratedDatabase();
  return { store: await openPostgresStore(db.url), cleanup: db.drop };
});

describe('PostgresStore on a real server', () => {
  it('has a step for every SQLite schema version', () => {
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('migrates a new database once and records the version in schema_migrations', async () => {
    const url = await server.createDatabase();
    const first = await openPostgresStore(url);
    expect(first.appliedMigrations).toEqual(PG_MIGRATIONS.map((m) => m.version));
    await first.openRun('run-1', { a: 1 });
    await first.close();
    await first.close();
    const second = await openPostgresStore(url);
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.schemaVersion()).toBe(PG_MIGRATIONS.at(-1)!.version);
    expect((await second.openRun('run-1', {})).resumed).toBe(true);
    await second.close();
  });

  it('migrates once when several processes open a new database at the same moment', async () => {
    const url = await server.createDatabase();
    // Hold the migration lock so that every worker is queued on it before any can migrate.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const workers = [1, 2, 3].map(() => runStoreWorker<number>([url, 'open']));
    await waitForLockWaiters(holder, 3);
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    const applied = await Promise.all(workers);
    expect(applied.filter((a) => a.length > 0)).toEqual([PG_MIGRATIONS.map((m) => m.version)]);
    const { rows } = await holder.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    await holder.end();
  });

  it('gives each generation to exactly one of several processes claiming at once', async () => {
    const db = await migratedDatabase();
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
    const setup = await openPostgresStore(db.url);
    await setup.openRun('run-1', {});
    await setup.planGenerations(
      'run-1',
      keys.map((k) => planned(k)),
    );
    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((owner) => runStoreWorker([db.url, 'claim', owner, ...keys])));
    expect(results.flat().sort()).toEqual([...keys].sort());
    for (const g of await setup.listGenerations({ runId: 'run-1' })) expect(g).toMatchObject({ status: 'running', attempts: 1 });
    await setup.close();
  });

  it('keeps several processes reserving paid requests at once within the run budget', async () => {
    const db = await migratedDatabase();
    const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
    const setup = await openPostgresStore(db.url);
    await setup.openRun('run-1', {});
    await setup.planGenerations(
      'run-1',
      keys.map((k) => planned(k)),
    );
    // Four processes each want 10 requests at $1 against a $7 budget.
    const results = await Promise.all([1, 2, 3, 4].map(() => runStoreWorker([db.url, 'reserve', 'run-1', '7', '1', ...keys])));
    expect(results.flat()).toHaveLength(7);
    expect(await setup.listLedger({ runId: 'run-1' })).toHaveLength(7);
    await setup.close();
  });

  it('keeps a claim across connections until its owner releases it', async () => {
    const db = await migratedDatabase();
    const first = await openPostgresStore(db.url);
    await first.openRun('run-1', {});
    await first.planGenerations('run-1', [planned('k1')]);
    expect(await first.claimGeneration('k1', 'host-a:123')).toBe(true);
    await first.close();
    const second = await openPostgresStore(db.url);
    expect(await second.claimGeneration('k1', 'host-b:456')).toBe(false);
    expect(await second.releaseClaims('host-a:123')).toBe(1);
    expect(await second.claimGeneration('k1', 'host-b:456')).toBe(true);
    expect(await second.getGeneration('k1')).toMatchObject({ claimedBy: 'host-b:456', attempts: 2 });
    await second.close();
  });

  it('migrates a schema 3 database holding an item rated twice, keeping both rows', async () => {
    const url = await server.createDatabase();
    await checkMigrationToV4(
      (migrations) => openPostgresStore(url, migrations ? { migrations } : {}),
      PG_MIGRATIONS,
      async (sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(sql);
        await client.end();
      },
    );
  });

  it('migrates a schema 4 database to the stored coordinator link, keeping its studies', async () => {
    const url = await server.createDatabase();
    await checkMigrationToV5((migrations) => openPostgresStore(url, migrations ? { migrations } : {}), PG_MIGRATIONS);
  });

  it('migrates a schema 5 database to counted config versions, keeping its studies', async () => {
    const url = await server.createDatabase();
    await checkMigrationToV6((migrations) => openPostgresStore(url, migrations ? { migrations } : {}), PG_MIGRATIONS);
  });

  it('migrates a schema 6 database to generated prompt questions, keeping its prompt sets', async () => {
    const url = await server.createDatabase();
    await checkMigrationToV7((migrations) => openPostgresStore(url, migrations ? { migrations } : {}), PG_MIGRATIONS);
  });

  it('rolls back a migration that fails half way', async () => {
    const db = await migratedDatabase();
    const next = PG_MIGRATIONS.length + 1;
    const broken = [...PG_MIGRATIONS, { version: next, sql: 'CREATE TABLE extra (x int); INSERT INTO nowhere VALUES (1);' }];
    await expect(openPostgresStore(db.url, { migrations: broken })).rejects.toThrow(/nowhere/);
    const store = await openPostgresStore(db.url, {
      migrations: [...PG_MIGRATIONS, { version: next, sql: 'ALTER TABLE runs ADD COLUMN label text' }],
    });
    expect(store.appliedMigrations).toEqual([next]);
    expect(await store.schemaVersion()).toBe(next);
    await store.close();
  });

  it('refuses a database written by a newer Loupe', async () => {
    const db = await migratedDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('INSERT INTO schema_migrations (version) VALUES (999)');
    await client.end();
    await expect(openPostgresStore(db.url)).rejects.toThrow(/schema version 999.*newer Loupe/);
  });

  it('names a database it cannot open without printing the password', async () => {
    const port = new URL(server.url).port;
    const error = await openPostgresStore(`postgres://loupe_pw:hunter2@127.0.0.1:${port}/nowhere_db`).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/cannot open the Postgres store postgres:\/\/loupe_pw:\*\*\*@127\.0\.0\.1:\d+\/nowhere_db/);
    expect(error?.message).not.toContain('hunter2');
  });

  it('keeps big seeds, Chinese text and times exactly', async () => {
    const db = await migratedDatabase();
    const store = await openPostgresStore(db.url);
    await store.putPromptSet(promptSet(), 'p.yaml');
    await store.openRun('run-1', { note: '中文', big: 2 ** 40 });
    await store.planGenerations('run-1', [planned('k1', { seed: 2 ** 40 + 1 })]);
    const g = await store.getGeneration('k1');
    expect(g).toMatchObject({ seed: 2 ** 40 + 1, text: '三个红苹果' });
    expect(g!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await store.getRun('run-1'))?.config).toEqual({ note: '中文', big: 2 ** 40 });
    await store.close();
  });
});

/** Waits until `n` other sessions are blocked on the advisory lock the holder has. */
async function waitForLockWaiters(holder: pg.Client, n: number): Promise<void> {
  for (;;) {
    const { rows } = await holder.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    if (rows[0]!.n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
