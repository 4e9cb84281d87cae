import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueueGenerations } from '../../../core/queue/enqueue.js';
import { generateOnQueue } from '../../../core/queue/queued-steps.js';
import { runWorker } from '../../../core/queue/run-worker.js';
import { systemClock } from '../../../core/run/clock.js';
import { RunQueues } from '../../../core/queue/run-queues.js';
import { openStore } from '../../../core/store/open-store.js';
import { buildGenerators, loadConfigFile, mediaProbe, openWorkspace } from '../../../core/cli/compose.js';
import { prepareRun } from '../../../core/run/prepare-run.js';
import type { GenerationRecord, Store } from '../../../core/types/store.js';
import { startCli } from '../cli/run-cli.js';
import { runInProcess } from '../cli/run-in-process.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { startRedis, type RedisServer } from '../../../scripts/redis-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { withEnv } from '../../models/adapter-fixtures.js';
import { Gate, startPaidApi, type PaidApi } from './fake-paid-api.js';
import { startWorker, stopWorkers, type WorkerProcess } from './worker-processes.js';

const tempDir = useTempDir();
let redis: RedisServer;
let postgres: PostgresServer;
const apis: PaidApi[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});
afterEach(async () => {
  for (const w of workers.splice(0)) w.child.kill('SIGKILL');
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

const LIMITS = { oa: 2, sd: 1, slow: 3 };

function config(runId: string, store: string, generators: string[], samplePrompts: number): string {
  return [
    `run: { id: ${runId} }`,
    store,
    'prompts:',
    `  - { set: counting, sample: ${samplePrompts} }`,
    'languages: [zh, en]',
    'generators:',
    ...generators.map((g) => `  - ${g}`),
    'scheduler:',
    '  baseDelayMs: 1',
    '  maxDelayMs: 5',
    `  perGenerator: { ${Object.entries(LIMITS)
      .filter(([id]) => generators.some((g) => g.includes(`id: ${id},`)))
      .map(([id, n]) => `${id}: { concurrency: ${n} }`)
      .join(', ')} }`,
    'metrics: [sharpness, exposure]',
  ].join('\n');
}

/** Prompt keys answered (billed) more than once. */
const paidTwice = (api: PaidApi) => [...api.successes].filter(([, n]) => n > 1).map(([key]) => key);

const byKey = async (store: Store, runId: string) => {
  const generations = await store.listGenerations({ runId });
  const scores = await store.listScores({ runId });
  return {
    media: Object.fromEntries(generations.map((g) => [g.key, g.mediaHash])),
    status: generations.map((g) => g.status),
    scores: scores.map((s) => `${s.generationKey} ${s.metricId} ${s.value}`).sort(),
  };
};

/**
 * Kills a worker mid-job once every request it has sent is parked at the closed gate, so that
 * no answer it was sent (and billed for) is lost with it. Returns it and the generations it held.
 */
async function killMidJob(store: Store, gate: Gate, urls: Record<string, string>): Promise<{ victim: WorkerProcess; taken: string[] }> {
  const parked = (g: GenerationRecord) => gate.parked.has(`${urls[g.generatorId]} ${g.text}`);
  const running = () => store.listGenerations({ runId: 'dist', status: 'running' });
  let owner: string | null | undefined;
  while (!(owner = (await running()).find(parked)?.claimedBy)) await new Promise((r) => setTimeout(r, 20));
  let held = (await running()).filter((g) => g.claimedBy === owner);
  while (!held.every(parked)) {
    await new Promise((r) => setTimeout(r, 20));
    held = (await running()).filter((g) => g.claimedBy === owner);
  }
  const victim = workers.find((w) => w.child.pid === Number(owner.split(':')[1]))!;
  victim.child.kill('SIGKILL');
  return { victim, taken: held.map((g) => g.key) };
}

describe('distributed runs on Redis (loupe run --queue, loupe worker)', () => {
  it('survives a worker killed mid-job, pays for each generation once within global limits, and matches an in-process run', async () => {
    const gate = new Gate();
    const oa = await startPaidApi({
      kind: 'openai',
      latencyMs: 40,
      gate,
      fault: (n) => (n % 5 === 1 ? { status: 429, headers: { 'retry-after': '1' } } : undefined),
    });
    const sd = await startPaidApi({ kind: 'a1111', latencyMs: 30, gate, fault: (n) => (n % 4 === 2 ? { status: 500 } : undefined) });
    const slow = await startPaidApi({ kind: 'a1111', latencyMs: 250, gate, closeGateAt: 4 });
    apis.push(oa, sd, slow);
    const generators = [
      `{ id: oa, type: openai-images, model: m1, baseUrl: "${oa.url}/v1", apiKeyEnv: QUEUE_TEST_KEY }`,
      `{ id: sd, type: a1111, baseUrl: "${sd.url}", width: 64, height: 64 }`,
      `{ id: slow, type: a1111, baseUrl: "${slow.url}", width: 64, height: 64 }`,
    ];
    const undo = withEnv({ QUEUE_TEST_KEY: 'queue-secret' });
    const dbUrl = await postgres.createDatabase();
    const store = await openStore(dbUrl);
    try {
      const team = tempDir();
      team.write('loupe.config.yaml', config('dist', `store: { postgres: "${dbUrl}" }`, generators, 8));
      workers.push(...[0, 1, 2].map(() => startWorker(team.dir, redis.url)));
      await Promise.all(workers.map((w) => w.ready));
      const run = startCli(['run', '--queue', redis.url, '--quiet'], team.dir);

      await once(gate, 'closed');
      const { victim, taken } = await killMidJob(store, gate, { oa: oa.url, sd: sd.url, slow: slow.url });
      expect((await victim.done).signal).toBe('SIGKILL');
      gate.open();

      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Report: 3 generators, 48 of 48 generations made/);
      const team1 = await byKey(store, 'dist');
      expect(team1.status.every((s) => s === 'done')).toBe(true);
      // Claimed by the killed worker, released once its heartbeat was gone, claimed again by another
      // (`attempts` counts every request, so a retry of a 429 or 500 adds one).
      expect(taken.length).toBeGreaterThan(0);
      for (const key of taken) expect((await store.getGeneration(key))!.attempts).toBeGreaterThanOrEqual(2);
      for (const api of [oa, sd, slow]) {
        expect(api.successes.size).toBe(16);
        expect(paidTwice(api)).toEqual([]);
      }
      // Faults were injected: more requests arrived than were paid for.
      expect(oa.server.requests.length).toBeGreaterThan(16);
      expect(sd.server.requests.length).toBeGreaterThan(16);
      // Three workers with three jobs each at once, and still each generator's limit across them all.
      expect(sd.maxActive).toBe(LIMITS.sd);
      expect(oa.maxActive).toBeLessThanOrEqual(LIMITS.oa);
      expect(slow.maxActive).toBeLessThanOrEqual(LIMITS.slow);

      const status = await runInProcess(['status', '--queue', redis.url, '-c', join(team.dir, 'loupe.config.yaml')]);
      expect(status.code, status.stderr).toBe(0);
      expect(status.stdout).toMatch(/^slow\s+16\s+0\s+0\s+0$/m);
      expect(status.stdout).toMatch(/^generate sd\s+0\s+0\s+0\s+0\s+\d+\s+0$/m);
      expect(status.stdout).toMatch(/^score\s+0\s+0\s+0\s+0\s+\d+\s+0$/m);

      // The same evaluation on one machine with SQLite, against the same services.
      const alone = tempDir();
      const aloneConfig = alone.write('loupe.config.yaml', config('dist', 'store: { sqlite: loupe.db }', generators, 8));
      const inProcess = await runInProcess(['run', '--quiet', '-c', aloneConfig]);
      expect(inProcess.code, inProcess.stderr).toBe(0);
      const sqlite = await openStore(join(alone.dir, 'loupe.db'));
      try {
        const single = await byKey(sqlite, 'dist');
        expect(team1.media).toEqual(single.media);
        expect(new Set(Object.values(team1.media)).size).toBe(48);
        expect(team1.scores).toEqual(single.scores);
        expect(team1.scores).toHaveLength(96);
      } finally {
        await sqlite.close();
      }
      const stopped = await stopWorkers(workers.filter((w) => w !== victim));
      expect(stopped.map((r) => r.code)).toEqual([0, 0]);
    } finally {
      undo();
      await store.close();
    }
  }, 120_000);

  it("runs a generation enqueued twice once, with the generator's limits set in Redis", async () => {
    const api = await startPaidApi({ kind: 'a1111', latencyMs: 20 });
    apis.push(api);
    const t = tempDir();
    const file = t.write(
      'loupe.config.yaml',
      config('dup', `store: { postgres: "${await postgres.createDatabase()}" }`, [`{ id: sd, type: a1111, baseUrl: "${api.url}" }`], 4),
    );
    const loaded = loadConfigFile(file);
    const ws = await openWorkspace(loaded);
    const queues = await RunQueues.open(redis.url, 'dup', ['sd']);
    const stop = new AbortController();
    const never = new AbortController().signal;
    try {
      const prepared = await prepareRun(loaded, ws.store, buildGenerators(loaded));
      await enqueueGenerations(queues, prepared.planned, false);
      await enqueueGenerations(queues, prepared.planned, false);
      expect((await queues.counts()).get('generate sd')!.waiting).toBe(8);

      // Two workers share the jobs while the run's own enqueue adds the same keys a third time.
      const worker = () =>
        runWorker({
          url: redis.url,
          runId: 'dup',
          resolved: prepared,
          store: ws.store,
          media: ws.media,
          probe: mediaProbe,
          scheduler: loaded.config.scheduler,
          metrics: [],
          only: 'generate',
          concurrency: 3,
          stallMs: 1_500,
          stop: stop.signal,
          abort: never,
          clock: systemClock,
          onLog: () => undefined,
        });
      const running = [worker(), worker()];
      await generateOnQueue({
        url: redis.url,
        runId: 'dup',
        store: ws.store,
        generatorIds: ['sd'],
        stop: never,
        clock: systemClock,
        onProgress: () => undefined,
        planned: prepared.planned,
        scheduler: loaded.config.scheduler,
        retryFailed: false,
      });
      stop.abort();
      await Promise.all(running);
      expect((await ws.store.listGenerations({ runId: 'dup', status: 'done' })).length).toBe(8);
      // The generator's limits live in Redis, where every worker's BullMQ reads them.
      const sdQueue = queues.generate.get('sd')!;
      expect(await sdQueue.getGlobalConcurrency()).toBe(LIMITS.sd);
      // The rate limit counts requests, not jobs (test/core/queue/shared-rate-limit.test.ts): no job limit is set.
      await queues.applyLimits({ ...loaded.config.scheduler, perGenerator: { sd: { ratePerMinute: 120 } } });
      expect(await sdQueue.getGlobalRateLimit()).toBeNull();
      expect(api.successes.size).toBe(8);
      expect(paidTwice(api)).toEqual([]);
    } finally {
      stop.abort();
      await queues.close();
      await ws.close();
    }
  }, 60_000);
  it('stops a worker on Ctrl-C after the jobs it holds, and leaves the others on the queue', async () => {
    const api = await startPaidApi({ kind: 'a1111', latencyMs: 300 });
    apis.push(api);
    const t = tempDir();
    const file = t.write(
      'loupe.config.yaml',
      config('stop', `store: { postgres: "${await postgres.createDatabase()}" }`, [`{ id: sd, type: a1111, baseUrl: "${api.url}" }`], 4),
    );
    const loaded = loadConfigFile(file);
    const ws = await openWorkspace(loaded);
    const queues = await RunQueues.open(redis.url, 'stop', ['sd']);
    const never = new AbortController().signal;
    try {
      const prepared = await prepareRun(loaded, ws.store, buildGenerators(loaded));
      const worker = (stop: AbortSignal) =>
        runWorker({
          url: redis.url,
          runId: 'stop',
          resolved: prepared,
          store: ws.store,
          media: ws.media,
          probe: mediaProbe,
          scheduler: loaded.config.scheduler,
          metrics: [],
          only: 'generate',
          concurrency: 2,
          stallMs: 1_500,
          stop,
          abort: never,
          clock: systemClock,
          onLog: () => undefined,
        });
      await enqueueGenerations(queues, prepared.planned, false);
      const first = new AbortController();
      const stopping = worker(first.signal);
      await api.server.arrived('/sdapi/v1/txt2img', 2);
      first.abort();
      await stopping;
      const afterStop = await ws.store.listGenerations({ runId: 'stop' });
      const made = afterStop.filter((g) => g.status === 'done').length;
      expect(afterStop.filter((g) => g.status !== 'done').map((g) => g.status)).toEqual(Array(8 - made).fill('pending'));
      expect(made).toBeGreaterThanOrEqual(2);
      expect(api.successes.size).toBe(made);
      expect((await queues.counts()).get('generate sd')!.waiting).toBe(8 - made);

      const second = new AbortController();
      const finishing = worker(second.signal);
      await generateOnQueue({
        url: redis.url,
        runId: 'stop',
        store: ws.store,
        generatorIds: ['sd'],
        stop: never,
        clock: systemClock,
        onProgress: () => undefined,
        planned: prepared.planned,
        scheduler: loaded.config.scheduler,
        retryFailed: false,
      });
      second.abort();
      await finishing;
      expect(api.successes.size).toBe(8);
      expect(paidTwice(api)).toEqual([]);
    } finally {
      await queues.close();
      await ws.close();
    }
  }, 60_000);
});
