import type { JobType, Queue } from 'bullmq';
import type { SchedulerConfig } from '../config/index.js';
import { type Clock, plannedToMake } from '../run/index.js';
import { type Metric, type PlannedGeneration, type Store } from '../types/index.js';
import { enqueueGenerations, enqueueScoring } from './enqueue.js';
import { OPEN_STATES, RunQueues } from './run-queues.js';
import { scoreBatchJobs } from './score-batches.js';
import { generationTally, tallyLine } from './store-progress.js';
import { failedJobLines, waitForJobs } from './wait-for-jobs.js';

export interface QueuedStepOptions {
  url: string;
  runId: string;
  store: Store;
  generatorIds: readonly string[];
  stop: AbortSignal;
  clock: Clock;
  /** A progress line, printed when it changes. */
  onProgress(line: string): void;
  pollMs?: number;
}

/**
 * `loupe run --queue`, generation step: sets each generator's limits on its queue, enqueues
 * every planned generation that is not made yet (its key as job id), and waits until the
 * workers have taken every job to its end, showing progress from the store.
 */
export async function generateOnQueue(
  o: QueuedStepOptions & { planned: readonly PlannedGeneration[]; scheduler: SchedulerConfig; retryFailed: boolean },
): Promise<void> {
  const queues = await RunQueues.open(o.url, o.runId, o.generatorIds);
  try {
    const todo = await plannedToMake(o.store, o.planned, o.retryFailed);
    await queues.applyLimits(o.scheduler);
    await enqueueGenerations(queues, todo, o.retryFailed);
    o.onProgress(
      `Generating on the queue: ${todo.length} to make, ${o.planned.length - todo.length} already done of ${o.planned.length} planned; start workers with \`loupe worker --queue ${o.url}\`.`,
    );
    let last = '';
    await waitForJobs([...queues.generate.values()], {
      ...o,
      pollMs: o.pollMs ?? 1_000,
      onPoll: async (open) => {
        const line = `generate: ${tallyLine(await generationTally(o.store, o.runId))}; ${open} job(s) open`;
        if (line !== last) o.onProgress((last = line));
      },
    });
    (await failedJobLines([...queues.generate.values()])).forEach(o.onProgress);
  } finally {
    await queues.close();
  }
}

/**
 * `loupe run --queue`, scoring step: the generations a selected metric has not scored yet, in
 * batches of one metric (`score-batches.ts`), and progress in scores (a generation for a
 * metric), counted from the batches still open.
 */
export async function scoreOnQueue(o: QueuedStepOptions & { metrics: readonly Metric[]; batchSize?: number }): Promise<void> {
  const queues = await RunQueues.open(o.url, o.runId, o.generatorIds);
  try {
    const done = await o.store.listGenerations({ runId: o.runId, status: 'done' });
    const jobs = scoreBatchJobs(done, await o.store.listScores({ runId: o.runId }), o.metrics, o.batchSize);
    const sizes = new Map(jobs.map((j) => [j.id, j.data.keys.length]));
    const total = jobs.reduce((n, j) => n + j.data.keys.length, 0);
    await enqueueScoring(queues, jobs);
    o.onProgress(
      `Scoring on the queue: ${total} score(s) to make with ${o.metrics.map((m) => m.id).join(', ')}, in ${jobs.length} batch(es).`,
    );
    let last = '';
    await waitForJobs([queues.score], {
      ...o,
      pollMs: o.pollMs ?? 1_000,
      onPoll: async () => {
        const [open, failed] = await Promise.all([scoresIn(queues.score, OPEN_STATES, sizes), scoresIn(queues.score, ['failed'], sizes)]);
        const line = `score: ${total - open - failed} of ${total} scored${failed > 0 ? `, ${failed} in failed batches` : ''}`;
        if (line !== last) o.onProgress((last = line));
      },
    });
    (await failedJobLines([queues.score])).forEach(o.onProgress);
  } finally {
    await queues.close();
  }
}

/** How many of this pass's scores the queue's jobs in these states hold (a job in two lists counts once). */
async function scoresIn(queue: Queue, states: readonly JobType[], sizes: ReadonlyMap<string, number>): Promise<number> {
  const ids = new Set(await queue.getRanges([...states]));
  return [...ids].reduce((n, id) => n + (sizes.get(id) ?? 0), 0);
}
