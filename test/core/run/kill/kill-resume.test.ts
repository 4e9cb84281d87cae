import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../core/store/sqlite/store.js';
import type { LedgerEntry } from '../../../../core/types/store.js';
import { startBillingService, type BillingService } from './billing-service.js';

const CHILD = fileURLToPath(new URL('./generation-child.ts', import.meta.url));
const PROMPTS = 4;

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the generation loop in its own process; `kill` says when it dies. */
function runChild(args: Record<string, unknown>, onStart?: (pid: number) => void): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  onStart?.(child.pid!);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

interface Outcome {
  ledger: LedgerEntry[];
  statuses: string[];
  billed: Map<string, number>;
}

/** Kills a run at one point, resumes it once, and returns what was billed and recorded. */
async function killAndResume(kill: { atWrite?: number; atSyncRequest?: number }): Promise<Outcome> {
  const service = await startBillingService();
  // Its own folder, removed by this call: the tests run side by side.
  const dir = mkdtempSync(join(tmpdir(), 'loupe-kill-'));
  try {
    return await killAndResumeOn(service, dir, kill);
  } finally {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function killAndResumeOn(service: BillingService, dir: string, kill: { atWrite?: number; atSyncRequest?: number }): Promise<Outcome> {
  const args = { db: join(dir, 'db.sqlite'), media: join(dir, 'media'), serviceUrl: service.url, prompts: PROMPTS };
  let pid = 0;
  if (kill.atSyncRequest !== undefined) service.onSyncRequest = (n) => n === kill.atSyncRequest && process.kill(pid, 'SIGKILL');
  const first = await runChild({ ...args, killAtWrite: kill.atWrite }, (p) => (pid = p));
  expect(first.signal, first.stderr).toBe('SIGKILL');
  service.onSyncRequest = undefined;
  const resumed = await runChild(args);
  expect(resumed.code, resumed.stderr).toBe(0);
  const store = await openSqliteStore(args.db);
  try {
    return {
      ledger: await store.listLedger(),
      statuses: (await store.listGenerations({ runId: 'kill' })).map((g) => g.status),
      billed: service.billed,
    };
  } finally {
    await store.close();
  }
}

/** Keys billed more than once, by protocol. */
const twice = (billed: Map<string, number>, protocol: string) =>
  [...billed].filter(([key, n]) => key.startsWith(`${protocol}:`) && n > 1).map(([key]) => key.slice(protocol.length + 1));

/**
 * A request on the wire when the process died (a synchronous one, or a job's create whose answer
 * never arrived: the other lane's, at concurrency 2) may be paid twice; each such key has an
 * unknown outcome in the ledger, and there are no more of them than requests on the wire at once.
 * Nothing else is paid twice: jobs with an id are polled again, downloads stored without a request.
 */
function expectOnlyUnknownPaidTwice(billed: Map<string, number>, ledger: LedgerEntry[]): number {
  let paidTwiceInAll = 0;
  for (const [protocol, generatorId] of [
    ['openai', 'oa'],
    ['replicate', 'rep'],
  ] as const) {
    const paidTwice = twice(billed, protocol);
    expect(paidTwice.length).toBeLessThanOrEqual(2);
    for (const prompt of paidTwice) expect(billed.get(`${protocol}:${prompt}`)).toBe(2);
    const unknown = ledger.filter((e) => e.phase === 'unknown' && e.generatorId === generatorId);
    expect(unknown.length).toBeGreaterThanOrEqual(paidTwice.length);
    for (const e of unknown) expect(e.message).toMatch(/sent without an answer .*the service may have made and billed it/);
    paidTwiceInAll += paidTwice.length;
  }
  expect([...billed.values()].reduce((a, b) => a + b, 0)).toBe(2 * PROMPTS + paidTwiceInAll);
  return paidTwiceInAll;
}

describe('a run killed with SIGKILL and resumed', () => {
  // Each run writes about 36 ledger rows and changes (4 synchronous generations of 3, 4 jobs of 6):
  // these positions fall before, inside and after requests and jobs, between download and store.
  const positions = Array.from({ length: 24 }, (_, i) => 1 + i * 1.5).map(Math.floor);

  // Each position is its own run (service, store, processes), so they run side by side.
  it.concurrent.each(positions)(
    'at ledger write %i: every generation done; only requests on the wire paid twice, each an unknown outcome',
    async (atWrite) => {
      const { ledger, statuses, billed } = await killAndResume({ atWrite });
      expect(statuses).toEqual(Array(2 * PROMPTS).fill('done'));
      expectOnlyUnknownPaidTwice(billed, ledger);
      expect(ledger.filter((e) => e.phase === 'stored')).toHaveLength(2 * PROMPTS);
    },
  );

  it.concurrent.each([1, 2, 3])(
    'with synchronous request %i on the wire: it may be paid twice, as an unknown outcome in the ledger',
    async (atSyncRequest) => {
      const { ledger, statuses, billed } = await killAndResume({ atSyncRequest });
      expect(statuses).toEqual(Array(2 * PROMPTS).fill('done'));
      expectOnlyUnknownPaidTwice(billed, ledger);
    },
  );
});
