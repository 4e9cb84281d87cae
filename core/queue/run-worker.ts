import { Worker } from 'bullmq';
import type { SchedulerConfig } from '../config/index.js';
import { type Clock, type RunEvent, type ResolvedRun } from '../run/index.js';
import { type Budget, type MediaProbe, type MediaStore, type Metric, type Store } from '../types/index.js';
import { generationProcessor } from './generation-job.js';
import { Heartbeat, workerOwner } from './heartbeat.js';
import { queueConnection, reachRedis } from './redis-connection.js';
import { QUEUE_PREFIX, generateQueueName, scoreQueueName } from './queue-names.js';
import { scoreProcessor } from './score-job.js';
import { sharedRateLimiters } from './shared-rate-limit.js';

export interface WorkerOptions {
  url: string;
  runId: string;
  resolved: ResolvedRun;
  store: Store;
  media: MediaStore;
  /** Reads each stored video's size, duration and rate. */
  probe: MediaProbe;
  scheduler: SchedulerConfig;
  /** The run's spending limit, shared through the store by every worker. */
  budget?: Budget;
  /** The metrics scoring jobs compute; none when the worker only generates. */
  metrics: readonly Metric[];
  only?: 'generate' | 'score';
  /** Jobs at once per queue in this process; the generator's global limit caps all workers together. */
  concurrency: number;
  /**
   * BullMQ's lock duration and stalled-job check interval, and the heartbeat's TTL: a job of a
   * killed worker is handed to another worker within about twice this time.
   */
  stallMs: number;
  /** Graceful stop: no new job starts; jobs in flight finish, retries included. */
  stop: AbortSignal;
  /** Hard stop: requests in flight are aborted; their generations go back to pending and their jobs to other workers. */
  abort: AbortSignal;
  clock: Clock;
  onEvent?: (event: RunEvent) => void;
  onLog(line: string): void;
}

/** `loupe worker`: takes generation and scoring jobs of one run until `stop` aborts. */
export async function runWorker(o: WorkerOptions): Promise<void> {
  const owner = workerOwner();
  await reachRedis(o.url);
  const heartbeat = await Heartbeat.start(o.url, owner, o.stallMs);
  const never = new AbortController().signal;
  const settings = {
    connection: queueConnection(o.url),
    prefix: QUEUE_PREFIX,
    concurrency: o.concurrency,
    lockDuration: o.stallMs,
    stalledInterval: o.stallMs,
    maxStalledCount: 3,
  };
  const workers: Worker[] = [];
  const rates = await sharedRateLimiters(o.url, o.runId, o.scheduler, [...o.resolved.generators.keys()], o.clock);
  if (o.only !== 'score') {
    const generate = generationProcessor({
      store: o.store,
      media: o.media,
      probe: o.probe,
      generators: o.resolved.generators,
      prompts: o.resolved.prompts,
      scheduler: o.scheduler,
      budget: o.budget,
      owner,
      stop: never,
      abort: o.abort,
      clock: o.clock,
      random: Math.random,
      onEvent: o.onEvent,
      limiters: rates.limiters,
      plan: new Map(o.resolved.planned.map((p) => [p.key, p])),
      heartbeat,
      recheckMs: o.stallMs,
    });
    for (const id of o.resolved.generators.keys()) workers.push(new Worker(generateQueueName(o.runId, id), generate, settings));
  }
  if (o.only !== 'generate') {
    const score = scoreProcessor({ runId: o.runId, store: o.store, media: o.media, metrics: o.metrics, prompts: o.resolved.prompts });
    workers.push(new Worker(scoreQueueName(o.runId), score, settings));
  }
  for (const w of workers) {
    w.on('error', (e) => o.onLog(`${w.name}: ${e.message}`));
    w.on('failed', (job, e) => o.onLog(`job ${job?.id} (${w.name}) failed: ${e.message}`));
  }
  o.onLog(`Worker ${owner} takes jobs of run "${o.runId}" from ${workers.map((w) => w.name).join(', ')}.`);
  await new Promise<void>((resolve) => (o.stop.aborted ? resolve() : o.stop.addEventListener('abort', () => resolve(), { once: true })));
  await Promise.all(workers.map((w) => w.close()));
  await o.store.releaseClaims(owner);
  rates.close();
  await heartbeat.stop();
}
