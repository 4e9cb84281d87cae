import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smallConfig } from './config-fixtures.js';
import { startRateServer } from './rate-server.js';
import { runCli } from './run-cli.js';

/** A generated run and a study "lost" with two raters, made as a user would. */
const t = { dir: '', raters: [] as { id: string; link: string }[] };
beforeAll(async () => {
  t.dir = mkdtempSync(join(tmpdir(), 'loupe-links-'));
  writeFileSync(join(t.dir, 'loupe.config.yaml'), smallConfig({ prompts: '  - { set: counting, sample: 2 }' }));
  expect((await runCli(['generate', '--quiet'], t.dir)).code).toBe(0);
  const made = await runCli(['study', 'create', '--json', '--id', 'lost', '--raters', '2', '--ratings-per-item', '2'], t.dir);
  expect(made.code).toBe(0);
  t.raters = (JSON.parse(made.stdout) as { raters: { id: string; link: string }[] }).raters;
});
afterAll(() => rmSync(t.dir, { recursive: true, force: true }));

const tokenOf = (link: string) => link.split('/').pop()!;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The database's bytes as text: what a copy of the file would hand out. */
const dbText = () =>
  ['loupe.db', 'loupe.db-wal']
    .map((f) => join(t.dir, '.loupe', f))
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');

it('keeps the first coordinator link across a restart; `loupe rate coordinator-link` replaces it on a running server', async () => {
  const first = await startRateServer(t.dir);
  const token = /\/coordinator\/([A-Za-z0-9_-]{43})\n/.exec(first.stderr)![1]!;
  expect((await fetch(`${first.url}/api/coordinator/${token}/overview`)).status).toBe(200);
  expect((await first.stop()).code).toBe(0);
  expect(dbText()).not.toContain(token);

  const again = await startRateServer(t.dir);
  expect(again.stderr).toMatch(/the link printed at the first start still works .*`loupe rate coordinator-link` replaces it/);
  expect(again.stderr).not.toMatch(/coordinator\/[A-Za-z0-9_-]{43}/);
  const overview = (token: string) => fetch(`${again.url}/api/coordinator/${token}/overview`);
  expect((await overview(token)).status).toBe(200);

  // From another folder, naming the config: the subcommand's own --config, not `loupe rate`'s.
  const config = join(t.dir, 'loupe.config.yaml');
  const replaced = await runCli(['rate', 'coordinator-link', '-c', config, '--base-url', `${again.url}/`], join(t.dir, '.loupe'));
  expect(replaced.code).toBe(0);
  expect(replaced.stderr).toMatch(/New coordinator link .*the old one no longer opens anything/);
  const link = new RegExp(`^${again.url}/coordinator/([A-Za-z0-9_-]{43})\n$`).exec(replaced.stdout);
  expect(link).not.toBeNull();
  const fresh = link![1]!;
  expect((await overview(token)).status).toBe(401);
  expect((await overview(fresh)).status).toBe(200);
  // Stored as its hash only, and the command never prints the hash.
  expect(dbText()).toContain(sha256(fresh));
  expect(dbText()).not.toContain(fresh);
  expect(replaced.stdout + replaced.stderr).not.toContain(sha256(fresh));
  expect((await again.stop()).code).toBe(0);
});

it("`loupe study rater-link` replaces a rater's link on a running server: same rater, same items; bad names are refused", async () => {
  const server = await startRateServer(t.dir);
  const session = (link: string) => fetch(`${server.url}/api/r/${tokenOf(link)}/session`);
  const before = (await (await session(t.raters[0]!.link)).json()) as { total: number; item: { assignmentId: string } };

  const replaced = await runCli(['study', 'rater-link', 'lost', 'r1', '--base-url', server.url], t.dir);
  expect(replaced.code).toBe(0);
  expect(replaced.stderr).toMatch(/new private link for rater r1 .*the old one no longer opens anything/);
  const link = new RegExp(`^rater r1: (${server.url}/r/[A-Za-z0-9_-]{43})\n$`).exec(replaced.stdout)![1]!;
  expect((await session(t.raters[0]!.link)).status).toBe(401);
  const after = (await (await session(link)).json()) as typeof before;
  expect({ total: after.total, next: after.item.assignmentId }).toEqual({ total: before.total, next: before.item.assignmentId });
  expect((await session(t.raters[1]!.link)).status).toBe(200);
  expect(replaced.stdout + replaced.stderr).not.toContain(sha256(tokenOf(link)));
  expect(dbText()).not.toContain(tokenOf(link));

  const noRater = await runCli(['study', 'rater-link', 'lost', 'r9'], t.dir);
  expect(noRater.code).toBe(1);
  expect(noRater.stderr).toBe('error: study "lost" has no rater "r9"; its raters are r1, r2\n');
  const noStudy = await runCli(['study', 'rater-link', 'found', 'r1'], t.dir);
  expect(noStudy.code).toBe(1);
  expect(noStudy.stderr).toMatch(/unknown study "found"; `loupe study list` shows the studies/);
  expect((await server.stop()).code).toBe(0);
});
