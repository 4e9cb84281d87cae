import Database from 'better-sqlite3';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../core/report/index.js';
import { ReportJsonSchema } from '../../../core/report/report-schema.js';
import { openMediaStore } from '../../../core/media-store/index.js';
import { openStore } from '../../../core/store/open-store.js';
import { MIGRATIONS } from '../../../core/store/sqlite/migrations.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { smallConfig } from './config-fixtures.js';
import { runInProcess } from './run-in-process.js';

/**
 * One workspace per release, as labs keep them: `a` made run release-1, `b` made release-2 with
 * generator `t` blurred (the one knob changed). `one` holds both runs in one store (a's store
 * copied, then b's config run into it): the comparison the cross-store one must equal.
 */
const config = (runId: string, blur: number, store = 'db.sqlite', media = 'media') =>
  smallConfig({
    prompts: '  - { set: text-rendering, sample: 4 }',
    generators: `  - { id: t, type: synthetic, width: 96, height: 96, blur: ${blur} }\n  - { id: u, type: synthetic, width: 96, height: 96, noise: 0.1 }`,
    extra: `metrics: [sharpness, colorfulness, exposure]\nstore: { sqlite: ${store} }\nmedia: { folder: ${media} }`,
  }).replace('id: test-run', `id: ${runId}`);

let root: string;
let server: PostgresServer | undefined;
const path = (...p: string[]) => join(root, ...p);
/** The single-store comparison of the same data, as JSON. */
let reference: RunComparison;

/** A cross-store comparison with what differs by construction set to the reference's: the baseline's store, and the candidate's creation time (b's run and one's are two runs of one config). */
const asSingleStore = (c: RunComparison): RunComparison => ({
  ...c,
  baseline: reference.baseline,
  candidate: { id: c.candidate.id, createdAt: reference.candidate.createdAt },
});

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'loupe-compare-stores-'));
  for (const d of ['a', 'b', 'one', 'empty']) mkdirSync(path(d));
  writeFileSync(path('a/loupe.config.yaml'), config('release-1', 0));
  writeFileSync(path('b/loupe.config.yaml'), config('release-2', 2));
  expect((await runInProcess(['run', '-q', '-c', path('a/loupe.config.yaml')])).code).toBe(0);
  expect((await runInProcess(['run', '-q', '-c', path('b/loupe.config.yaml')])).code).toBe(0);

  expect((await runInProcess(['db', 'copy', '--from', path('a/db.sqlite'), '--to', path('one/db.sqlite')])).code).toBe(0);
  cpSync(path('a/media'), path('one/media'), { recursive: true });
  writeFileSync(path('one/next.yaml'), config('release-2', 2));
  expect((await runInProcess(['run', '-q', '-c', path('one/next.yaml')])).code).toBe(0);
  const single = await runInProcess(['compare', 'release-1', 'release-2', '-c', path('one/next.yaml'), '--json']);
  expect(single.code).toBe(0);
  reference = JSON.parse(single.stdout) as RunComparison;
}, 600_000);

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('loupe compare --baseline-store', () => {
  it('compares a run of another SQLite workspace exactly as if both runs were in one store', async () => {
    // The knob shows in the single-store comparison: blurring t lowers its sharpness (and colourfulness), and nothing of u changes.
    expect(reference.rows.filter((r) => r.change).map((r) => `${r.generator} ${r.measure} ${r.change}`)).toEqual([
      't colorfulness down',
      't sharpness down',
    ]);
    expect(reference.rows.filter((r) => r.generator === 'u').every((r) => r.difference === 0)).toBe(true);
    expect(reference.commonUnits).toBe(8);

    const candidate = path('b/loupe.config.yaml');
    // The other workspace named by its folder, its config file and its SQLite file: the same comparison.
    for (const where of [path('a'), path('a/loupe.config.yaml'), path('a/db.sqlite'), `sqlite:${path('a/db.sqlite')}`]) {
      const out = await runInProcess(['compare', 'release-1', 'release-2', '-c', candidate, '--baseline-store', where, '--json']);
      expect(out.code, out.stderr).toBe(0);
      const c = JSON.parse(out.stdout) as RunComparison;
      expect(c.baseline).toEqual({ ...reference.baseline, store: path('a/db.sqlite') });
      expect(asSingleStore(c)).toEqual(reference);
    }
    const text = await runInProcess(['compare', 'release-1', 'release-2', '-c', candidate, '--baseline-store', path('a')]);
    expect(text.stdout).toContain(`Run "release-2" against baseline "release-1" of the store ${path('a/db.sqlite')}: 8 prompt(s)`);
    expect(text.stdout).toMatch(/t\s+sharpness\s+8 .* lower \(worse\)/);

    // The report of b's run with a's run as its baseline: the same rows, the other store named.
    const report = await runInProcess(['report', '-q', '-c', candidate, '--baseline', 'release-1', '--baseline-store', path('a')]);
    expect(report.code, report.stderr).toBe(0);
    const json = ReportJsonSchema.parse(JSON.parse(readFileSync(path('b/reports/release-2/report.json'), 'utf8')));
    expect(json.comparison!.rows).toEqual(reference.rows);
    expect(json.comparison!.baseline.store).toBe(path('a/db.sqlite'));
    const html = readFileSync(path('b/reports/release-2/report.html'), 'utf8');
    expect(html).toContain(`Against the baseline run <code>release-1</code> <small>(${path('a/db.sqlite')})</small>`);
    // Both pictures of the prompt where t's sharpness fell most; the baseline's media exist only in a's media store.
    const largest = json.comparison!.rows.find((r) => r.measure === 'sharpness' && r.generator === 't')!.largest!;
    const sharpness = reference.rows.find((r) => r.generator === 't' && r.measure === 'sharpness')!;
    expect(largest).toEqual(sharpness.largest);
    // The largest difference of one prompt is at least the mean difference over the prompts.
    expect(Math.abs(largest.candidate.value - largest.baseline.value)).toBeGreaterThanOrEqual(Math.abs(sharpness.difference!));
    const [inA, inB] = await Promise.all(['a', 'b'].map((w) => openMediaStore({ folder: path(w, 'media') }, (p) => p)));
    expect([await inA!.has(largest.baseline.mediaHash!), await inB!.has(largest.baseline.mediaHash!)]).toEqual([true, false]);
    const pair = (page: string) => page.split('Where each change is largest: t, sharpness')[1]!.split('</div></div>')[0]!;
    expect(pair(html).match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(2);
    // Named by its SQLite file alone, the other workspace gives no media store: the same numbers, no baseline picture.
    await runInProcess(['report', '-q', '-c', candidate, '--baseline', 'release-1', '--baseline-store', path('a/db.sqlite')]);
    const bare = readFileSync(path('b/reports/release-2/report.html'), 'utf8');
    expect(pair(bare).match(/<img src=/g)).toHaveLength(1);
    expect(pair(bare)).toMatch(/<div class="noimg">[^<]+<\/div><figcaption><b>baseline<\/b>/);

    // Naming the candidate's own store is the single-store comparison.
    const own = await runInProcess([
      'compare',
      'release-1',
      'release-2',
      '-c',
      path('one/next.yaml'),
      '--baseline-store',
      path('one/db.sqlite'),
      '--json',
    ]);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toEqual(reference);
    // Across stores the same run id is two runs; within one it is the same run.
    expect(
      (await runInProcess(['compare', 'release-2', 'release-2', '-c', candidate, '--baseline-store', path('one/db.sqlite')])).code,
    ).toBe(0);
    expect((await runInProcess(['compare', 'release-2', 'release-2', '-c', candidate, '--baseline-store', path('b')])).stderr).toContain(
      'run "release-2" compared with itself',
    );
  }, 300_000);

  it('refuses a missing store, a run it lacks and a schema this Loupe does not read, changing nothing there', async () => {
    const compare = (where: string, baseline = 'release-1') =>
      runInProcess(['compare', baseline, 'release-2', '-c', path('b/loupe.config.yaml'), '--baseline-store', where]);
    expect((await compare(path('nope.sqlite'))).stderr).toContain(`--baseline-store ${path('nope.sqlite')}: no such file or folder`);
    expect((await compare(path('empty'))).stderr).toContain(`--baseline-store ${path('empty')}: the folder has no loupe.config.yaml`);
    expect((await compare(path('a/other.yaml'))).stderr).toContain('no such config file');
    const unknown = await compare(path('a'), 'release-0');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no run "release-0" in the store ${path('a/db.sqlite')}; it holds "release-1"`);

    // A store at schema version 3, one of a newer Loupe, and an empty SQLite file: refused, and left as they were.
    const old = await openStore(path('old.sqlite'), { sqlite: { migrations: MIGRATIONS.slice(0, 3) } });
    await old.close();
    const latest = MIGRATIONS.at(-1)!.version;
    expect((await compare(path('old.sqlite'))).stderr).toContain(`schema version 3, older than this Loupe's ${latest}`);
    cpSync(path('a/db.sqlite'), path('newer.sqlite'));
    const setVersion = (file: string, v?: number) => {
      const db = new Database(file);
      if (v !== undefined) db.pragma(`user_version = ${v}`);
      const version = db.pragma('user_version', { simple: true });
      db.close();
      return version;
    };
    setVersion(path('newer.sqlite'), latest + 1);
    expect((await compare(path('newer.sqlite'))).stderr).toContain(
      `schema version ${latest + 1}, but this Loupe knows versions up to ${latest}`,
    );
    writeFileSync(path('blank.sqlite'), '');
    expect((await compare(path('blank.sqlite'))).stderr).toContain('not a Loupe store');
    expect(statSync(path('blank.sqlite')).size).toBe(0);
    expect([setVersion(path('old.sqlite')), setVersion(path('newer.sqlite'))]).toEqual([3, latest + 1]);

    const alone = await runInProcess(['report', '-q', '-c', path('b/loupe.config.yaml'), '--baseline-store', path('a')]);
    expect(alone.stderr).toContain('--baseline-store says where the baseline run is: give the run too (--baseline <run>)');
  }, 120_000);

  it('reads the baseline from Postgres (the other store copied there) with the same result', async () => {
    server = await startPostgres();
    const url = await server.createDatabase('release_1');
    expect((await runInProcess(['db', 'copy', '--from', path('a/db.sqlite'), '--to', url])).code).toBe(0);
    const out = await runInProcess([
      'compare',
      'release-1',
      'release-2',
      '-c',
      path('b/loupe.config.yaml'),
      '--baseline-store',
      url,
      '--json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const c = JSON.parse(out.stdout) as RunComparison;
    expect(c.baseline.store).toBe(url);
    expect(asSingleStore(c)).toEqual(reference);

    const compare = (where: string, baseline = 'release-1') =>
      runInProcess(['compare', baseline, 'release-2', '-c', path('b/loupe.config.yaml'), '--baseline-store', where]);
    expect((await compare(url, 'release-0')).stderr).toContain(`no run "release-0" in the store ${url}; it holds "release-1"`);
    const empty = await server.createDatabase('no_loupe_here');
    expect((await compare(empty)).stderr).toContain(`--baseline-store ${empty}: ${empty}: not a Loupe store`);
    const client = new pg.Client({ connectionString: empty });
    await client.connect();
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
    await client.end();
    expect(rows).toEqual([{ t: null }]);
    expect((await compare(url.replace(/\/release_1$/, '/missing_db'))).stderr).toMatch(/cannot open the Postgres store .*missing_db/);
  }, 300_000);
});
