// Load benchmark of the rating server: `npm run bench:rater [-- --seconds 60 --raters 200]`.
// Phase 1: simulated raters submit for the given time; prints requests per second and p50/p99
// latency, then checks that every acknowledged rating is in the database. Phase 2: the same,
// with the server SIGKILLed half way and restarted: every acknowledged rating must survive.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { makeBenchStudy } from './rater-bench-study.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, raters: { type: 'string', default: '200' } } });
const SECONDS = Number(args.seconds);
const RATERS = Number(args.raters);
const SERVER = fileURLToPath(new URL('./rater-server.ts', import.meta.url));

function startServer(db: string, media: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, db, media, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`rater server exited with ${code} before it was ready`)));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\S+)/.exec(d.toString());
      if (m) resolve({ child, url: m[1]! });
    });
  });
}

interface Acked {
  assignmentId: string;
  /** Unique per submission, sent as timeMs, so that each acknowledged rating can be found again. */
  marker: number;
}

let marker = 0;

async function load(url: () => string, raters: { token: string; assignments: string[] }[], seconds: number, onHalf?: () => Promise<void>) {
  const latencies: number[] = [];
  const acked: Acked[] = [];
  let failed = 0;
  const refused = new Map<string, number>();
  const end = Date.now() + seconds * 1000;
  const half = onHalf ? setTimeout(() => void onHalf(), (seconds * 1000) / 2) : undefined;
  await Promise.all(
    raters.map(async (r) => {
      for (let i = 0; Date.now() < end; i++) {
        const assignmentId = r.assignments[i % r.assignments.length]!;
        const m = ++marker;
        const body = JSON.stringify({ kind: 'likert', assignmentId, timeMs: m, watchedToEnd: null, scores: { 'text-image-consistency': 1 + (m % 5), realism: 3, 'visual-quality': 4, 'aesthetic-quality': 2 } });
        const t0 = performance.now();
        try {
          const res = await fetch(`${url()}/api/r/${r.token}/ratings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const buf = await res.arrayBuffer();
          if (res.status === 200) {
            latencies.push(performance.now() - t0);
            acked.push({ assignmentId, marker: m });
          } else {
            failed++;
            const key = `${res.status} ${new TextDecoder().decode(buf).slice(0, 80)}`;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        } catch {
          failed++; // the server is down (phase 2): not acknowledged, so not counted
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }),
  );
  clearTimeout(half);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  for (const [why, n] of refused) console.log(`  refused ${n}x: ${why}`);
  return { acked, failed, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

function missing(db: string, acked: Acked[]): number {
  const conn = new Database(db, { readonly: true });
  const stored = new Set((conn.prepare('SELECT assignment_id AS a, time_ms AS m, count(*) AS n FROM ratings GROUP BY assignment_id, time_ms').all() as { a: string; m: number; n: number }[]).filter((r) => r.n === 4).map((r) => `${r.a}#${r.m}`));
  conn.close();
  return acked.filter((a) => !stored.has(`${a.assignmentId}#${a.marker}`)).length;
}

const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-rater-'));
let exitCode = 0;
try {
  const { db, media, raters } = await makeBenchStudy(dir, RATERS);
  console.log(`${RATERS} simulated raters, ${SECONDS} s per phase, one SQLite file (WAL).`);

  let server = await startServer(db, media, 0);
  const first = await load(() => server.url, raters, SECONDS);
  server.child.kill('SIGTERM');
  const lost1 = missing(db, first.acked);
  console.log(`phase 1: ${first.rps.toFixed(0)} ratings/s acknowledged, p50 ${first.p50.toFixed(1)} ms, p99 ${first.p99.toFixed(1)} ms, ${first.acked.length} acknowledged, ${first.failed} refused; missing from the database: ${lost1}`);

  const port = Number(new URL(server.url).port);
  await new Promise((resolve) => server.child.once('exit', resolve));
  server = await startServer(db, media, port);
  const second = await load(() => server.url, raters, SECONDS, async () => {
    server.child.kill('SIGKILL');
    console.log('phase 2: server SIGKILLed half way; restarting it');
    server = await startServer(db, media, port);
  });
  server.child.kill('SIGTERM');
  const lost2 = missing(db, second.acked);
  console.log(`phase 2: ${second.rps.toFixed(0)} ratings/s acknowledged, p50 ${second.p50.toFixed(1)} ms, p99 ${second.p99.toFixed(1)} ms, ${second.acked.length} acknowledged, ${second.failed} failed while down; missing after the kill: ${lost2}`);
  if (lost1 + lost2 > 0) {
    console.error('FAIL: acknowledged ratings are missing from the database');
    exitCode = 1;
  } else console.log('ok: every acknowledged rating is in the database');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = exitCode;
