// npm run bench:startup [rounds]: how long the CLI takes to start, against a bare `node -e 0` on
// the same machine in the same run. Rounds interleave the commands, so that a busy machine slows
// them alike; each figure is a median. The goal (issue 20) is --help and --version within 3x.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/loupe.js', import.meta.url));
const CASES: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['loupe --version', [BIN, '--version']],
  ['loupe --help', [BIN, '--help']],
  ['loupe prompts list', [BIN, 'prompts', 'list']],
];
const rounds = Number(process.argv[2] ?? 15);
// A folder without a config, so that `prompts list` lists the built-in sets and opens no store.
const cwd = mkdtempSync(join(tmpdir(), 'loupe-startup-'));

function timeOnce(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr.toString()}`);
  return performance.now() - start;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  const which = spawnSync(process.execPath, [BIN, '--version'], { cwd, env: { ...process.env, LOUPE_DEBUG: '1' } });
  const line = which.stderr.toString().trim();
  console.log(line.endsWith('.ts') ? `${line}: the sources through tsx (\`npm run build\` first times the compiled CLI)` : line);
  for (const [, args] of CASES) timeOnce(args); // warm the file cache
  const times = CASES.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) CASES.forEach(([, args], i) => times[i]!.push(timeOnce(args)));
  const bare = median(times[0]!);
  console.log(`${rounds} rounds, median wall time per start:`);
  CASES.forEach(([name], i) => {
    const m = median(times[i]!);
    console.log(`  ${name.padEnd(20)} ${m.toFixed(0).padStart(6)} ms  ${(m / bare).toFixed(2)}x node -e 0`);
  });
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
