import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';
import { startRateServer } from './rate-server.js';

interface Created {
  study: string;
  mode: string;
  items: number;
  assignments: number;
  raters: { id: string; link: string }[];
  admin: string;
}

/** One generated run shared by the tests (the refusals come first and must leave no study behind). */
const t = { dir: '' };
beforeAll(async () => {
  t.dir = mkdtempSync(join(tmpdir(), 'loupe-study-'));
  writeFileSync(
    join(t.dir, 'loupe.config.yaml'),
    smallConfig({ prompts: '  - { set: counting, sample: 4 }\n  - { set: text-rendering, sample: 2 }' }),
  );
  expect((await runCli(['generate', '--quiet'], t.dir)).code).toBe(0);
});
afterAll(() => rmSync(t.dir, { recursive: true, force: true }));

describe('loupe study create and loupe rate', () => {
  it('refuses impossible options with a message that names them', async () => {
    const few = await runCli(['study', 'create', '--raters', '2', '--ratings-per-item', '3'], t.dir);
    expect(few.code).toBe(1);
    expect(few.stderr).toMatch(/3 ratings per item need at least 3 raters, but there are 2/);
    const rate = await runCli(['study', 'create', '--gold-rate', '2'], t.dir);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toMatch(/--gold-rate.*between 0 and 0.5/);
    // The limits the coordinator page enforces (one zod schema) hold here too, named by flag.
    const many = await runCli(['study', 'create', '--raters', '500'], t.dir);
    expect(many.code).toBe(1);
    expect(many.stderr).toMatch(/--raters: Too big/);
    const example = await runCli(['study', 'create', '--example', 'beauty=a,b'], t.dir);
    expect(example.code).toBe(1);
    expect(example.stderr).toMatch(/--example: Unrecognized key: "beauty"/);
    const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM studies').get()).toEqual({ n: 0 });
    db.close();
  });
  it('makes a stratified study, prints private links as JSON, stores only token hashes, and serves them', async () => {
    const made = await runCli(
      [
        'study',
        'create',
        '--json',
        '--id',
        'pilot',
        '--raters',
        '3',
        '--ratings-per-item',
        '2',
        '--per-stratum',
        '2',
        '--base-url',
        'http://lab.example:9000/',
      ],
      t.dir,
    );
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const out = JSON.parse(made.stdout) as Created;
    // 2 generators x 2 categories, 2 items each.
    expect(out).toMatchObject({ study: 'pilot', mode: 'likert', items: 8 });
    expect(out.raters.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    for (const link of [...out.raters.map((r) => r.link), out.admin])
      expect(link).toMatch(/^http:\/\/lab\.example:9000\/(r|admin)\/[A-Za-z0-9_-]{43}$/);

    const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    const counts = db.prepare('SELECT rater_id AS r, count(*) AS n FROM assignments WHERE study_id = ? GROUP BY rater_id').all('pilot') as {
      r: string;
      n: number;
    }[];
    db.close();
    expect(counts.reduce((s, c) => s + c.n, 0)).toBe(out.assignments);
    expect(out.assignments).toBeGreaterThanOrEqual(16);
    const dbText = ['loupe.db', 'loupe.db-wal']
      .map((f) => join(t.dir, '.loupe', f))
      .filter(existsSync)
      .map((f) => readFileSync(f).toString('latin1'))
      .join('');
    for (const link of [...out.raters.map((r) => r.link), out.admin]) expect(dbText).not.toContain(link.split('/').pop()!);

    const server = await startRateServer(t.dir);
    const { url } = server;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The coordinator link printed at the first start lists the study; a rater's token does not open it.
    const coordinator = /\/coordinator\/([A-Za-z0-9_-]{43})\n/.exec(server.stderr)![1]!;
    const listed = (await (await fetch(`${url}/api/coordinator/${coordinator}/overview`)).json()) as { studies: { id: string }[] };
    expect(listed.studies.map((s) => s.id)).toEqual(['pilot']);
    expect((await fetch(`${url}/api/coordinator/${out.raters[0]!.link.split('/').pop()}/overview`)).status).toBe(401);
    const token = out.raters[0]!.link.split('/').pop()!;
    const page = await fetch(`${url}/r/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<loupe-app>');
    const session = (await (await fetch(`${url}/api/r/${token}/session`)).json()) as { total: number; item: unknown };
    expect(session.total).toBe(counts.find((c) => c.r === 'r1')!.n);
    expect(session.item).not.toBeNull();
    const stopped = await server.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/Stopped/);

    const closed = await runCli(['study', 'close', 'pilot'], t.dir);
    expect(closed.code).toBe(0);
    const after = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    expect(after.prepare('SELECT status FROM studies WHERE id = ?').get('pilot')).toEqual({ status: 'closed' });
    after.close();
  });

  it('extends a reopened study: a new rater with a link, and every item raised to three raters', async () => {
    expect((await runCli(['study', 'extend', 'pilot', '--raters', '1'], t.dir)).stderr).toMatch(/closed; reopen it/);
    expect((await runCli(['study', 'open', 'pilot'], t.dir)).code).toBe(0);
    const extended = await runCli(['study', 'extend', 'pilot', '--raters', '1', '--ratings-per-item', '3', '--json'], t.dir);
    expect(extended.code).toBe(0);
    const out = JSON.parse(extended.stdout) as { newItems: number; assignments: number; raters: { id: string; link: string }[] };
    expect(out).toMatchObject({ newItems: 0, raters: [{ id: 'r4' }] });
    expect(out.raters[0]!.link).toMatch(/^http:\/\/127\.0\.0\.1:8787\/r\/[A-Za-z0-9_-]{43}$/);
    const db = new Database(join(t.dir, '.loupe/loupe.db'), { readonly: true });
    const perItem = db
      .prepare(
        "SELECT item, count(DISTINCT rater_id) AS n, count(*) AS rows FROM assignments WHERE study_id = 'pilot' AND kind = 'normal' GROUP BY item",
      )
      .all() as { n: number; rows: number }[];
    db.close();
    expect(perItem).toHaveLength(8);
    expect(perItem.every((i) => i.n === 3 && i.rows === 3)).toBe(true);
  });
});
