// Planning at scale: npm run bench:plan [-- --generators 20 --prompts 2000 --samples 4 --backends sqlite,postgres]
// Makes the README's team run (20 generators x 2,000 prompts x 4 samples: 160,000 generations,
// 15 of every 16 already done) and a quarter of it, on SQLite and on Postgres, then times each
// step a user runs on it as its own process and reads that process's peak memory: planning
// (`loupe generate --plan`), starting a resume (bench/plan-resume.ts), `loupe status` and
// `loupe report`. Linear work shows as a ratio near 4 between the full size and the quarter.
// Wall time on a shared machine depends on its load (printed), so the CPU time of each process
// is printed beside it, and so is the start-up alone (`loupe --help`, the resume script's imports)
// measured in the same run: the step's own work is what is left.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres, type PostgresServer } from '../scripts/postgres-server.js';
import { generationsOf, makePlannedRun, type PlanSize } from './plan-workspace.js';

const { values: args } = parseArgs({
  options: {
    generators: { type: 'string', default: '20' },
    prompts: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '4' },
    backends: { type: 'string', default: 'sqlite,postgres' },
  },
});
const FULL: PlanSize = { generators: Number(args.generators), prompts: Number(args.prompts), samples: Number(args.samples) };
const QUARTER: PlanSize = { ...FULL, prompts: Math.round(FULL.prompts / 4) };
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const LOUPE = here('../bin/loupe.js');

const RESUME = ['--import', import.meta.resolve('tsx'), here('plan-resume.ts')];
const STEPS: [string, (config: string) => string[]][] = [
  ['plan (generate --plan)', (c) => [LOUPE, 'generate', '--plan', '-c', c]],
  ['start of a resume', (c) => [...RESUME, c]],
  ['loupe status', (c) => [LOUPE, 'status', '-c', c]],
  ['loupe report', (c) => [LOUPE, 'report', '-c', c, '--quiet']],
];
const START_UPS: [string, string[]][] = [
  ['start-up: loupe --help', [LOUPE, '--help']],
  ['start-up: resume script', RESUME],
];

interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  out: string;
}

/** Runs one step as a child process: its wall time from spawn to exit, and its peak resident memory. */
function measure(argv: string[], dir: string): Promise<Measured> {
  const usageFile = join(dir, 'child-usage.json');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', here('child-usage.mjs'), ...argv], {
    cwd: dir,
    env: { ...process.env, LOUPE_CHILD_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpuMicros: number };
      if (code !== 0) reject(new Error(`${argv.slice(-3).join(' ')} exited with ${code}:\n${out}`));
      else resolve({ seconds, cpuSeconds: usage.cpuMicros / 1e6, peakMb: usage.maxRSS / 1024, out });
    }),
  );
}

async function measureSize(size: PlanSize, backend: string, pgServer: PostgresServer | undefined): Promise<Measured[]> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-plan-'));
  try {
    const store = pgServer ? { postgres: await pgServer.createDatabase() } : { sqlite: join(dir, 'loupe.db') };
    const made = performance.now();
    const config = await makePlannedRun(dir, size, store);
    console.error(`  ${backend}, ${generationsOf(size)} generations made in ${((performance.now() - made) / 1000).toFixed(1)} s`);
    const results: Measured[] = [];
    for (const [, argv] of STEPS) results.push(await measure(argv(config), dir));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits: number, width: number) => n.toFixed(digits).padStart(width);
const row = (backend: string, name: string, q: Measured, f: Measured) =>
  [
    `${backend.padEnd(8)}  ${name.padEnd(24)}`,
    `${fmt(q.seconds, 1, 6)} ${fmt(q.cpuSeconds, 1, 6)} ${fmt(q.peakMb, 0, 5)}`,
    `${fmt(f.seconds, 1, 6)} ${fmt(f.cpuSeconds, 1, 6)} ${fmt(f.peakMb, 0, 5)}`,
    `${fmt(f.seconds / q.seconds, 2, 5)} ${fmt(f.cpuSeconds / q.cpuSeconds, 2, 5)}`,
  ].join('   ');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const backends = args.backends.split(',');
const pgServer = backends.includes('postgres') ? await startPostgres() : undefined;
try {
  console.log(
    `${generationsOf(FULL)} generations (${FULL.generators} generators x ${FULL.prompts} prompts x ${FULL.samples} samples, 15/16 done) against a quarter (${generationsOf(QUARTER)}); goal: each step under 30 s and 2 GB. Load average at start: ${load()}.`,
  );
  console.log(`${''.padEnd(34)}   quarter: wall s  cpu s    MB   full: wall s  cpu s    MB   ratio: wall   cpu`);
  const scratch = mkdtempSync(join(tmpdir(), 'loupe-bench-plan-'));
  for (const [name, argv] of START_UPS) {
    const [a, b] = [await measure(argv, scratch), await measure(argv, scratch)];
    console.log(row('', name, a, b));
  }
  rmSync(scratch, { recursive: true, force: true });
  for (const backend of backends) {
    const quarter = await measureSize(QUARTER, backend, backend === 'postgres' ? pgServer : undefined);
    const full = await measureSize(FULL, backend, backend === 'postgres' ? pgServer : undefined);
    STEPS.forEach(([name], i) => console.log(row(backend, name, quarter[i]!, full[i]!)));
    console.log(`${backend.padEnd(8)}  resume: ${full[1]!.out.trim()}`);
  }
  console.log(`Load average at the end: ${load()}.`);
} finally {
  await pgServer?.stop();
}
