import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../core/store/sqlite/store.js';
import { MIGRATIONS } from '../../../../core/store/sqlite/migrations.js';
import { DataError } from '../../../../core/types/data-error.js';
import { describeStoreContract } from '../store-contract.js';
import { planned, promptSet } from '../store-fixtures.js';
import { runStoreWorker } from '../store-workers.js';
import { checkMigrationToV4 } from '../store-migration-v4.js';
import { checkMigrationToV5 } from '../store-migration-v5.js';
import { checkMigrationToV6 } from '../store-migration-v6.js';
import { checkMigrationToV7 } from '../store-migration-v7.js';

describeStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-store-'));
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('SqliteStore on a real file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loupe-sqlite-'));
  });
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing folders, and keeps data without re-running migrations when reopened', async () => {
    const file = join(dir, 'nested', 'deeper', 'loupe.db');
    const first = await openSqliteStore(file);
    expect(first.file).toBe(file);
    expect(first.appliedMigrations).toEqual(MIGRATIONS.map((m) => m.version));
    await first.putPromptSet(promptSet(), 'p.yaml');
    await first.openRun('run-1', { a: 1 });
    await first.planGenerations('run-1', [planned('k1')]);
    await first.close();

    const second = await openSqliteStore(file);
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    expect((await second.openRun('run-1', {})).resumed).toBe(true);
    expect((await second.getGeneration('k1'))?.status).toBe('pending');
    expect(await second.putPromptSet(promptSet(), 'p.yaml')).toEqual({ created: false });
    await second.close();
    await second.close();
  });

  it('applies only the new step when the code gains a migration', async () => {
    const file = join(dir, 'loupe.db');
    await (await openSqliteStore(file)).close();
    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, sql: 'ALTER TABLE runs ADD COLUMN label TEXT' }];
    const upgraded = await openSqliteStore(file, { migrations: next });
    expect(upgraded.appliedMigrations).toEqual([MIGRATIONS.length + 1]);
    expect(await upgraded.schemaVersion()).toBe(MIGRATIONS.length + 1);
    await upgraded.close();
  });

  it('migrates a schema 3 database holding an item rated twice, keeping both rows', async () => {
    const file = join(dir, 'loupe.db');
    await checkMigrationToV4(
      (migrations) => openSqliteStore(file, migrations ? { migrations } : {}),
      MIGRATIONS,
      async (sql) => {
        const raw = new Database(file);
        raw.exec(sql);
        raw.close();
      },
    );
  });

  it('migrates a schema 4 database to the stored coordinator link, keeping its studies', async () => {
    const file = join(dir, 'loupe.db');
    await checkMigrationToV5((migrations) => openSqliteStore(file, migrations ? { migrations } : {}), MIGRATIONS);
  });

  it('migrates a schema 5 database to counted config versions, keeping its studies', async () => {
    const file = join(dir, 'loupe.db');
    await checkMigrationToV6((migrations) => openSqliteStore(file, migrations ? { migrations } : {}), MIGRATIONS);
  });

  it('migrates a schema 6 database to generated prompt questions, keeping its prompt sets', async () => {
    const file = join(dir, 'loupe.db');
    await checkMigrationToV7((migrations) => openSqliteStore(file, migrations ? { migrations } : {}), MIGRATIONS);
  });

  it('rolls back a migration that fails half way', async () => {
    const file = join(dir, 'loupe.db');
    await (await openSqliteStore(file)).close();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, sql: 'CREATE TABLE extra (x); INSERT INTO nowhere VALUES (1);' }];
    await expect(openSqliteStore(file, { migrations: broken })).rejects.toThrow(/nowhere/);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('uses WAL and enforces foreign keys', async () => {
    const file = join(dir, 'loupe.db');
    const store = await openSqliteStore(file);
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await expect(
      store.putScores([{ generationKey: 'ghost', metricId: 'm', metricVersion: '1', value: 1, details: {}, provenance: {}, error: null }]),
    ).rejects.toThrow(/ghost/);
    await store.close();
  });

  it('refuses a database written by a newer Loupe', async () => {
    const file = join(dir, 'loupe.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/schema version 999.*newer Loupe/);
    await expect(openSqliteStore(file)).rejects.toThrow(file);
  });

  it('names a file that is not a Loupe database', async () => {
    const file = join(dir, 'broken.db');
    await writeFile(file, randomBytes(8192));
    const error = await openSqliteStore(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).file).toBe(file);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not a valid Loupe database/);
  });

  it('names a folder it cannot create', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a folder');
    await expect(openSqliteStore(join(blocker, 'sub', 'loupe.db'))).rejects.toThrow(join(blocker, 'sub'));
  });

  it('opens an in-memory store', async () => {
    const store = await openSqliteStore(':memory:');
    await store.openRun('r', {});
    expect(await store.listRuns()).toHaveLength(1);
    await store.close();
  });

  /** A database file with run-1 planned with `n` keys, for several processes to share. */
  async function sharedFile(name: string, n: number): Promise<{ file: string; keys: string[] }> {
    const file = join(dir, name);
    const keys = Array.from({ length: n }, (_, i) => `k${i}`);
    const setup = await openSqliteStore(file);
    await setup.openRun('run-1', {});
    await setup.planGenerations(
      'run-1',
      keys.map((k) => planned(k)),
    );
    await setup.close();
    return { file, keys };
  }

  it('gives each generation to exactly one of several processes claiming at once', async () => {
    const { file, keys } = await sharedFile('shared.db', 40);

    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((owner) => runStoreWorker([file, 'claim', owner, ...keys])));
    const won = results.flat();
    expect(won.sort()).toEqual([...keys].sort());

    const check = await openSqliteStore(file);
    for (const g of await check.listGenerations({ runId: 'run-1' })) expect(g).toMatchObject({ status: 'running', attempts: 1 });
    await check.close();
  });

  it('keeps several processes reserving paid requests at once within the run budget', async () => {
    const { file, keys } = await sharedFile('budget.db', 10);
    // Four processes each want 10 requests at $1 against a $7 budget.
    const results = await Promise.all([1, 2, 3, 4].map(() => runStoreWorker([file, 'reserve', 'run-1', '7', '1', ...keys])));
    expect(results.flat()).toHaveLength(7);
  });
});
