import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../core/store/open-store.js';
import { MIGRATIONS } from '../../../core/store/sqlite/migrations.js';
import { populateStore } from '../store/store-fixtures.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

let server: PostgresServer;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'loupe-db-cli-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The URL with a password added: the test server trusts everyone, so any password connects. */
function withPassword(url: string, password: string): string {
  return url.replace('postgres://postgres@', `postgres://postgres:${password}@`);
}

/** The "table rows sha256" lines of a copy's output. */
function checksumLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^\w+\s+\d+\s+[0-9a-f]{64}$/.test(l));
}

describe('loupe db migrate', () => {
  it('migrates a store named by --store or by the config, and names it without its password', async () => {
    const file = join(dir, 'm.db');
    const latest = `schema version ${MIGRATIONS.at(-1)!.version}`;
    const all = MIGRATIONS.map((m) => m.version).join(', ');
    expect(await runInProcess(['db', 'migrate', '--store', `sqlite:${file}`])).toMatchObject({
      code: 0,
      stdout: `${file}: ${latest} (applied ${all})\n`,
    });
    expect((await runInProcess(['db', 'migrate', '--store', file])).stdout).toBe(`${file}: ${latest} (already current)\n`);

    const url = withPassword(await server.createDatabase('migrate_me'), 's3cret');
    const config = join(dir, 'pg.yaml');
    writeFileSync(config, smallConfig({ extra: `store: { postgres: "${url}" }` }));
    const out = await runInProcess(['db', 'migrate', '-c', config]);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/migrate_me: /);
    expect(out.stdout.split('/migrate_me: ')[1]).toBe(`${latest} (applied ${all})\n`);
  });
});

describe('loupe db copy', () => {
  it('copies SQLite to Postgres and back, printing the same checksums both ways', async () => {
    const source = join(dir, 'source.db');
    const store = await openStore(source);
    await populateStore(store);
    await store.close();
    const url = await server.createDatabase();

    const there = await runInProcess(['db', 'copy', '--from', `sqlite:${source}`, '--to', url, '--batch-size', '2']);
    expect(there.stderr).toBe('');
    expect(there.code).toBe(0);
    const lines = checksumLines(there.stdout);
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'prompt_sets 2',
      'prompt_questions 1',
      'runs 2',
      'generations 4',
      'run_generations 5',
      'scores 2',
      'studies 2',
      'assignments 3',
      'ratings 5',
      'served_items 1',
      'coordinator_link 1',
      'ledger 2',
    ]);
    expect(there.stdout).toMatch(/30 rows in 12 tables; every checksum matches/);

    const back = await runInProcess(['db', 'copy', '--from', url, '--to', `sqlite:${join(dir, 'back.db')}`]);
    expect(back.code).toBe(0);
    expect(checksumLines(back.stdout)).toEqual(lines);

    const refused = await runInProcess(['db', 'copy', '--from', `sqlite:${source}`, '--to', url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/target store is not empty .*--force to delete every row/);
    const forced = await runInProcess(['db', 'copy', '--from', `sqlite:${source}`, '--to', url, '--force']);
    expect(forced.code).toBe(0);
    expect(checksumLines(forced.stdout)).toEqual(lines);
  });

  it('names the flag of a bad or unreachable store, without its password', async () => {
    const source = `sqlite:${join(dir, 'bad-source.db')}`;
    const missing = await runInProcess(['db', 'copy', '--from', source, '--to', join(dir, 'x.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`--from: ${join(dir, 'bad-source.db')} does not exist`);
    expect(existsSync(join(dir, 'bad-source.db'))).toBe(false);
    expect((await runInProcess(['db', 'migrate', '--store', source])).code).toBe(0);
    const scheme = await runInProcess(['db', 'copy', '--from', 'mysql://root:pw@host/db', '--to', join(dir, 'x.db')]);
    expect(scheme.code).toBe(1);
    expect(scheme.stderr).toMatch(/^error: --from: "mysql:\/\/root:\*\*\*@host\/db" is not a store; use sqlite:<file>/);
    const empty = await runInProcess(['db', 'copy', '--from', source, '--to', 'sqlite:']);
    expect(empty.stderr).toMatch(/--to: "sqlite:" is not a store/);
    const down = await runInProcess(['db', 'copy', '--from', source, '--to', 'postgres://me:hunter2@127.0.0.1:1/db']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/--to: cannot open the Postgres store postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/db/);
    expect(down.stderr).not.toContain('hunter2');
    const same = await runInProcess(['db', 'copy', '--from', source, '--to', source]);
    expect(same.stderr).toMatch(/--from and --to name the same store/);
    expect((await runInProcess(['db', 'copy', '--from', source])).code).toBe(2);
  });
});

describe('a run on a Postgres store', () => {
  it('keeps the store URL in the run record without its password', async () => {
    const url = withPassword(await server.createDatabase('run_db'), 'hunter2');
    const config = join(dir, 'run.yaml');
    writeFileSync(
      config,
      smallConfig({
        generators: '  - { id: good, type: synthetic, width: 32, height: 32 }',
        prompts: '  - { set: counting, sample: 1 }',
        extra: `store: { postgres: "${url}" }\nmedia: { folder: ${join(dir, 'media')} }`,
      }),
    );
    const out = await runInProcess(['generate', '--quiet', '-c', config]);
    expect(out.stderr).not.toContain('hunter2');
    expect(out.code).toBe(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ config: string; made: number }>(
      "SELECT config::text AS config, (SELECT count(*)::int FROM generations WHERE status = 'done') AS made FROM runs",
    );
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.made).toBe(2);
    expect(rows[0]!.config).not.toContain('hunter2');
    expect(JSON.parse(rows[0]!.config).store.postgres).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/run_db$/);
  });

  it('refuses a config that names both stores, naming the field', async () => {
    const config = join(dir, 'both.yaml');
    writeFileSync(config, smallConfig({ extra: 'store: { sqlite: a.db, postgres: "postgres://x@h/db" }' }));
    const out = await runInProcess(['config', 'check', '-c', config]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/store.*give exactly one of "store\.sqlite" or "store\.postgres"/);
    writeFileSync(config, smallConfig({ extra: 'store: { postgres: "mysql://x@h/db" }' }));
    expect((await runInProcess(['config', 'check', '-c', config])).stderr).toMatch(/store\.postgres.*a Postgres URL/);
  });
});
