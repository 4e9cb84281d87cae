import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile, selectedMetrics } from '../../../core/cli/compose.js';
import { openStore } from '../../../core/store/open-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startRedis, type RedisServer } from '../../../scripts/redis-server.js';
import { startCli } from '../cli/run-cli.js';
import { GENERATIONS, METRICS, NO_JUDGING, generate, inProcessScores, scoreRows, scoringConfig } from './scoring-fixtures.js';
import { startWorker, stopWorkers, type WorkerProcess } from './worker-processes.js';

const tempDir = useTempDir();
let redis: RedisServer;
let postgres: PostgresServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});
afterEach(() => {
  for (const w of workers.splice(0)) w.child.kill('SIGKILL');
});

const SCORES = GENERATIONS * METRICS.length;
const look = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Score writes of other sessions waiting for this test's transaction. The activity view is a
 * snapshot kept for a whole transaction: it is read on its own connection, outside the test's.
 */
async function waitingWrites(watch: pg.Client): Promise<number> {
  const { rows } = await watch.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO scores%'",
  );
  return Number(rows[0]!.n);
}

async function scoreCount(db: pg.Client): Promise<number> {
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM scores')).rows[0]!.n);
}

describe('a scoring worker killed mid-batch (real worker processes, Postgres)', () => {
  // Two kill points: with each batch scored and its rows partly written in a transaction it never
  // commits (a lost batch if nobody redid it), and with each batch stored but its job not yet
  // marked done in Redis (a batch written twice when redone).
  for (const stored of [false, true]) {
    it(`leaves no duplicate or lost score once another worker takes over (killed ${stored ? 'after storing its batches' : 'while writing its batches'})`, async () => {
      const url = await postgres.createDatabase();
      const t = tempDir();
      const width = stored ? 64 : 72;
      const config = t.write('loupe.config.yaml', scoringConfig(`store: { postgres: "${url}" }`, width));
      await generate(config);
      const victim = startWorker(t.dir, redis.url);
      workers.push(victim);
      await victim.ready;
      const [db, watch] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
      const control = new Redis(redis.url);
      const store = await openStore(url);
      await Promise.all([db.connect(), watch.connect()]);
      try {
        // A score of the last generation of each batch, written by this test and not committed: the
        // victim's batch writes, in order, wait at that row until this transaction ends.
        const last = (await store.listGenerations({ runId: 'scoring', status: 'done' })).at(-1)!.key;
        await db.query('BEGIN');
        for (const m of selectedMetrics(loadConfigFile(config), NO_JUDGING)) {
          await db.query(
            "INSERT INTO scores (generation_key, metric_id, metric_version, details, provenance, created_at) VALUES ($1, $2, $3, '{}', '{}', now())",
            [last, m.id, m.version],
          );
        }
        const scoring = startCli(['score', '--queue', redis.url, '--quiet'], t.dir);
        while ((await waitingWrites(watch)) < METRICS.length) await look();
        if (stored) {
          // Redis takes no more writes, so the victim cannot mark its jobs done once the scores are stored.
          await control.call('CLIENT', 'PAUSE', '120000', 'WRITE');
          await db.query('ROLLBACK');
          while ((await scoreCount(db)) < SCORES) await look();
        }
        const before = stored ? (await db.query<{ at: Date }>('SELECT max(created_at) AS at FROM scores')).rows[0]!.at : null;
        victim.child.kill('SIGKILL');
        expect((await victim.done).signal).toBe('SIGKILL');
        if (stored) await control.call('CLIENT', 'UNPAUSE');
        else await db.query('ROLLBACK');
        expect(await scoreCount(db)).toBe(stored ? SCORES : 0);

        const rescuer = startWorker(t.dir, redis.url);
        workers.push(rescuer);
        const result = await scoring.done;
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain(`score: ${SCORES} of ${SCORES} scored`);
        expect(await scoreCount(db)).toBe(SCORES);
        if (before !== null) {
          // The rescuer scored the batches again and replaced the victim's rows, one row per score.
          const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM scores WHERE created_at <= $1', [before]);
          expect(Number(rows[0]!.n)).toBe(0);
        }
        expect(await scoreRows(store)).toEqual(await inProcessScores(tempDir(), width));
        expect((await stopWorkers([rescuer])).map((r) => r.code)).toEqual([0]);
      } finally {
        await control.call('CLIENT', 'UNPAUSE');
        control.disconnect();
        await Promise.all([db.end(), watch.end(), store.close()]);
      }
    }, 180_000);
  }
});
