import { truncateSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGenerators, loadConfigFile, mediaProbe, openWorkspace, selectedMetrics, type Workspace } from '../../../core/cli/compose.js';
import { scoreOnQueue } from '../../../core/queue/queued-steps.js';
import { runWorker } from '../../../core/queue/run-worker.js';
import { systemClock } from '../../../core/run/clock.js';
import { resolveRun } from '../../../core/run/prepare-run.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startRedis, type RedisServer } from '../../../scripts/redis-server.js';
import { GENERATIONS, METRICS, NO_JUDGING, generate, inProcessScores, scoreRows, scoringConfig } from './scoring-fixtures.js';

const tempDir = useTempDir();
let redis: RedisServer;
let postgres: PostgresServer;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

/**
 * Generates the run in this process, then scores it on the queue in batches of `batchSize`
 * with two in-process workers; `prepare` may change the media first. Returns the store's
 * scores and the progress lines `loupe run --queue` would print.
 */
async function scoreOnWorkers(store: string, batchSize: number, prepare?: (ws: Workspace) => Promise<void>, width?: number) {
  const t = tempDir();
  const file = t.write('loupe.config.yaml', scoringConfig(store, width));
  await generate(file);
  const loaded = loadConfigFile(file);
  const ws = await openWorkspace(loaded);
  const stop = new AbortController();
  const never = new AbortController().signal;
  try {
    const resolved = await resolveRun(loaded, ws.store, buildGenerators(loaded));
    await prepare?.(ws);
    const worker = () =>
      runWorker({
        url: redis.url,
        runId: 'scoring',
        resolved,
        store: ws.store,
        media: ws.media,
        probe: mediaProbe,
        scheduler: loaded.config.scheduler,
        metrics: selectedMetrics(loaded, NO_JUDGING),
        only: 'score',
        concurrency: 2,
        stallMs: 1_500,
        stop: stop.signal,
        abort: never,
        clock: systemClock,
        onLog: () => undefined,
      });
    const workers = [worker(), worker()];
    const progress: string[] = [];
    await scoreOnQueue({
      url: redis.url,
      runId: 'scoring',
      store: ws.store,
      generatorIds: [...resolved.generators.keys()],
      stop: never,
      clock: systemClock,
      pollMs: 20,
      onProgress: (line) => progress.push(line),
      metrics: selectedMetrics(loaded, NO_JUDGING),
      batchSize,
    });
    stop.abort();
    await Promise.all(workers);
    return { scores: await scoreRows(ws.store), progress };
  } finally {
    stop.abort();
    await ws.close();
  }
}

describe('scoring on workers in batches', () => {
  const stores = {
    sqlite: async () => 'store: { sqlite: loupe.db }',
    postgres: async () => `store: { postgres: "${await postgres.createDatabase()}" }`,
  };
  // Each test its own image size: no media (and no cached embedding) shared between them.
  const widths = { sqlite: 96, postgres: 88 };
  for (const [name, store] of Object.entries(stores)) {
    const width = widths[name as keyof typeof widths];
    it(`gives exactly the scores of the in-process path (${name}, batches of 3 with a shorter last one)`, async () => {
      const queued = await scoreOnWorkers(await store(), 3, undefined, width);
      expect(queued.scores).toHaveLength(GENERATIONS * METRICS.length);
      expect(queued.scores).toEqual(await inProcessScores(tempDir(), width));
      const batches = METRICS.length * Math.ceil(GENERATIONS / 3);
      expect(queued.progress[0]).toBe(
        `Scoring on the queue: ${GENERATIONS * METRICS.length} score(s) to make with ${METRICS.join(', ')}, in ${batches} batch(es).`,
      );
      expect(queued.progress.at(-1)).toBe(`score: ${GENERATIONS * METRICS.length} of ${GENERATIONS * METRICS.length} scored`);
    }, 120_000);
  }

  it('scores the rest of a batch that holds one corrupt file, and records the error for that one', async () => {
    let corrupt = '';
    const queued = await scoreOnWorkers(
      await stores.sqlite(),
      5,
      async (ws) => {
        // The third generation of the first batch: its PNG cut after the header, as an interrupted copy leaves it.
        const third = (await ws.store.listGenerations({ runId: 'scoring', status: 'done' }))[2]!;
        corrupt = third.key;
        const path = await ws.media.localPath(third.mediaHash!);
        truncateSync(path, 64);
      },
      80,
    );
    expect(queued.scores).toHaveLength(GENERATIONS * METRICS.length);
    const broken = queued.scores.filter((s) => s.generationKey === corrupt);
    expect(broken.map((s) => [s.metricId, s.value])).toEqual(METRICS.map((m) => [m, null]).sort());
    for (const s of broken) expect(s.error).toMatch(/\w/);
    const reference = await inProcessScores(tempDir(), 80);
    expect(queued.scores.filter((s) => s.generationKey !== corrupt)).toEqual(reference.filter((s) => s.generationKey !== corrupt));
  }, 120_000);
});
