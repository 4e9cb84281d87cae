// Load benchmark of the rating server:
//   npm run bench:rater [-- --seconds 60 --raters 200 --store postgres --instances 2]
// SQLite with one server always runs; --store and --instances add that setup (Postgres is a
// throwaway server from Debian's package), so the two are measured in the same run. For each
// setup, phase 1: simulated raters submit for the given time, to a server picked at random per
// request; phase 2: the same, with one server SIGKILLed half way and restarted. Each phase prints
// requests per second and p50/p99 latency, then looks up every acknowledged rating in the store.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../core/store/index.js';
import { startPostgres } from '../scripts/postgres-server.js';
import { makeBenchStudy } from './rater-bench-study.js';
import { runLoad, type LoadResult } from './rater-load-client.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    raters: { type: 'string', default: '200' },
    store: { type: 'string', default: 'sqlite' },
    instances: { type: 'string', default: '1' },
  },
});
const SECONDS = Number(args.seconds);
const RATERS = Number(args.raters);
const SERVER = fileURLToPath(new URL('./rater-server.ts', import.meta.url));

interface Setup {
  store: 'sqlite' | 'postgres';
  instances: number;
}
interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(spec: string, media: string, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, spec, media, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`rater server exited with ${code} before it was ready`)));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\S+)/.exec(d.toString());
      if (m) resolve({ child, url: m[1]! });
    });
  });
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGTERM');
  await exited;
}

/** Acknowledged submissions whose four rows are not all in the store. */
async function missing(spec: string, acked: readonly string[]): Promise<number> {
  const store = await openStore(spec);
  const rows = new Map<string, number>();
  for (const r of await store.listRatings({ studyId: 'bench' })) rows.set(r.submissionId ?? '', (rows.get(r.submissionId ?? '') ?? 0) + 1);
  await store.close();
  return acked.filter((id) => rows.get(id) !== 4).length;
}

async function bench(setup: Setup, dir: string): Promise<{ phase: string; result: LoadResult; lost: number }[]> {
  const pg = setup.store === 'postgres' ? await startPostgres() : undefined;
  try {
    const spec = pg ? await pg.createDatabase('loupe_bench') : `sqlite:${join(dir, 'loupe.db')}`;
    const media = join(dir, 'media');
    const raters = await makeBenchStudy(spec, media, RATERS);
    const servers = await Promise.all(Array.from({ length: setup.instances }, () => startServer(spec, media, 0)));
    const urls = () => servers.map((s) => s.url);
    const steady = await runLoad(urls, raters, SECONDS);
    const port = Number(new URL(servers[0]!.url).port);
    let restarted: Promise<unknown> = Promise.resolve();
    const killed = await runLoad(urls, raters, SECONDS, async () => {
      servers[0]!.child.kill('SIGKILL');
      console.log(`  ${label(setup)}: one server SIGKILLed half way; restarting it`);
      restarted = startServer(spec, media, port).then((s) => (servers[0] = s));
    });
    // A short phase can end before the restarted server is up: stop that one too.
    await restarted;
    await Promise.all(servers.map(stopServer));
    return [
      { phase: 'steady', result: steady, lost: await missing(spec, steady.acked) },
      { phase: 'one server killed', result: killed, lost: await missing(spec, killed.acked) },
    ];
  } finally {
    await pg?.stop();
  }
}

const label = (s: Setup) => `${s.store}, ${s.instances} server${s.instances > 1 ? 's' : ''}`;

const setups: Setup[] = [{ store: 'sqlite', instances: 1 }];
const target: Setup = { store: args.store === 'postgres' ? 'postgres' : 'sqlite', instances: Number(args.instances) };
if (target.store !== 'sqlite' || target.instances !== 1) setups.push(target);

console.log(`${RATERS} simulated raters, ${SECONDS} s per phase; setups: ${setups.map(label).join('; ')}.`);
const table: string[][] = [['setup', 'phase', 'ratings/s', 'p50 ms', 'p99 ms', 'acknowledged', 'failed', 'lost']];
let lostTotal = 0;
for (const setup of setups) {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-rater-'));
  try {
    for (const { phase, result: r, lost } of await bench(setup, dir)) {
      lostTotal += lost;
      table.push([
        label(setup),
        phase,
        r.rps.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        String(r.acked.length),
        String(r.failed),
        String(lost),
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const row of table) console.log(row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
if (lostTotal > 0) {
  console.error('FAIL: acknowledged ratings are missing from the store');
  process.exitCode = 1;
} else console.log('ok: every acknowledged rating is in the store');
