// Load benchmark of the rating server:
//   npm run bench:rater [-- --seconds 20 --raters 200 --period 5 --items 2000 --setups sqlite:1,postgres:2 --cpu-prof <dir>]
// For each setup (a store and a number of servers; Postgres is a throwaway server from Debian's
// package), four phases of `--seconds` each, raters sending to a server picked at random:
// - open loop: `--raters` raters each rating once every `--period` seconds (what a rater feels),
//   then 5 times as many raters; p50/p99 of the submission and of loading the next item's media;
//   the servers' CPU milliseconds per rating beside them, which the machine's other load does not change much;
// - closed loop: the raters rate as fast as the servers answer (saturation throughput);
// - the same with one server SIGKILLed half way and restarted.
// Then every acknowledged rating is looked up in the store: none may be lost.
// --cpu-prof: each server writes a V8 CPU profile into that folder when it stops (not the one killed).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../core/store/index.js';
import { startPostgres } from '../scripts/postgres-server.js';
import { makeBenchRun, makeBenchStudy } from './rater-bench-study.js';
import { runClosedLoop, runOpenLoop, type LoadResult } from './rater-load-client.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    raters: { type: 'string', default: '200' },
    period: { type: 'string', default: '5' },
    items: { type: 'string', default: '2000' },
    setups: { type: 'string', default: 'sqlite:1,postgres:2' },
    'cpu-prof': { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const RATERS = Number(args.raters);
const PERIOD_MS = Number(args.period) * 1000;
const SERVER = fileURLToPath(new URL('./rater-server.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface Setup {
  store: 'sqlite' | 'postgres';
  instances: number;
}
interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(spec: string, media: string, port: number): Promise<Server> {
  const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', TSX, SERVER, spec, media, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
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

/** The CPU time of the servers so far (microseconds, user + system), each asked over IPC (rater-server.ts). */
async function cpuMicros(servers: readonly Server[]): Promise<number> {
  const each = servers.map(
    (s) =>
      new Promise<number>((resolve) => {
        s.child.once('message', (u) => resolve((u as NodeJS.CpuUsage).user + (u as NodeJS.CpuUsage).system));
        s.child.send('cpu');
      }),
  );
  return (await Promise.all(each)).reduce((a, b) => a + b, 0);
}

/** Acknowledged submissions of a study whose four rows are not all in the store. */
async function missing(spec: string, studyId: string, acked: readonly string[]): Promise<number> {
  const store = await openStore(spec);
  const rows = new Map<string, number>();
  for (const r of await store.listRatings({ studyId })) rows.set(r.submissionId ?? '', (rows.get(r.submissionId ?? '') ?? 0) + 1);
  await store.close();
  return acked.filter((id) => rows.get(id) !== 4).length;
}

/** `offered`: ratings per second the open loop sends whatever the servers do (null: closed loop). */
type Phase = { name: string; raters: number; offered: number | null; run: (tokens: string[]) => Promise<LoadResult> };
type Measured = { phase: Phase; result: LoadResult; lost: number; load: number };

async function bench(setup: Setup, dir: string): Promise<Measured[]> {
  const pg = setup.store === 'postgres' ? await startPostgres() : undefined;
  try {
    const spec = pg ? await pg.createDatabase('loupe_bench') : `sqlite:${join(dir, 'loupe.db')}`;
    const media = join(dir, 'media');
    await makeBenchRun(spec, media, Number(args.items));
    const servers = await Promise.all(Array.from({ length: setup.instances }, () => startServer(spec, media, 0)));
    const urls = () => servers.map((s) => s.url);
    const usage = () => cpuMicros(servers);
    let restarted: Promise<unknown> = Promise.resolve();
    const phases: Phase[] = [
      {
        name: `open loop, 1 per ${PERIOD_MS / 1000} s each`,
        raters: RATERS,
        offered: RATERS / (PERIOD_MS / 1000),
        run: (t) => runOpenLoop({ tokens: t, urls, cpuMicros: usage }, SECONDS, PERIOD_MS),
      },
      {
        name: 'open loop, 5x the raters',
        raters: 5 * RATERS,
        offered: (5 * RATERS) / (PERIOD_MS / 1000),
        run: (t) => runOpenLoop({ tokens: t, urls, cpuMicros: usage }, SECONDS, PERIOD_MS),
      },
      {
        name: 'closed loop (saturation)',
        raters: RATERS,
        offered: null,
        run: (t) => runClosedLoop({ tokens: t, urls, cpuMicros: usage }, SECONDS),
      },
      {
        name: 'closed loop, one server killed',
        raters: RATERS,
        offered: null,
        run: (t) =>
          runClosedLoop({ tokens: t, urls }, SECONDS, async () => {
            const port = Number(new URL(servers[0]!.url).port);
            servers[0]!.child.kill('SIGKILL');
            console.log(`  ${label(setup)}: one server SIGKILLed half way; restarting it`);
            restarted = startServer(spec, media, port).then((s) => (servers[0] = s));
          }),
      },
    ];
    const out = [];
    for (const [i, phase] of phases.entries()) {
      const studyId = `bench-${i}`;
      const result = await phase.run(await makeBenchStudy(spec, media, studyId, phase.raters));
      out.push({ phase, result, lost: await missing(spec, studyId, result.acked), load: loadavg()[0]! });
    }
    // A short phase can end before the restarted server is up: stop that one too.
    await restarted;
    await Promise.all(servers.map(stopServer));
    return out;
  } finally {
    await pg?.stop();
  }
}

const label = (s: Setup) => `${s.store}, ${s.instances} server${s.instances > 1 ? 's' : ''}`;
const setups: Setup[] = args.setups.split(',').map((s) => {
  const [store, instances] = s.split(':');
  if (store !== 'sqlite' && store !== 'postgres') throw new Error(`--setups: "${s}" is not sqlite:<servers> or postgres:<servers>`);
  return { store, instances: Number(instances ?? 1) };
});

console.log(`${SECONDS} s per phase; setups: ${setups.map(label).join('; ')}; goal: open-loop p99 under 50 ms.`);
console.log(`load: the machine's 1-minute load average at the end of the phase (${availableParallelism()} cores).`);
const table: string[][] = [
  [
    'setup',
    'phase',
    'offered/s',
    'ratings/s',
    'submit p50',
    'p99 ms',
    'next item p50',
    'p99 ms',
    'CPU ms/rating',
    'acked',
    'refused',
    'lost',
    'load',
  ],
];
let lostTotal = 0;
for (const setup of setups) {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-rater-'));
  try {
    for (const { phase, result: r, lost, load } of await bench(setup, dir)) {
      lostTotal += lost;
      const ms = (n: number | null) => n?.toFixed(1) ?? '-';
      table.push([label(setup), phase.name, phase.offered?.toFixed(0) ?? '-', r.rps.toFixed(0), ms(r.submit.p50), ms(r.submit.p99)]);
      table
        .at(-1)!
        .push(ms(r.nextLoad.p50), ms(r.nextLoad.p99), ms(r.cpuMsPerRating), String(r.acked.length), String(r.refused), String(lost));
      table.at(-1)!.push(load.toFixed(1));
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
