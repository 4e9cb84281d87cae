import type { SchedulerConfig } from '../config/index.js';
import { type Clock, plannedToMake } from '../run/index.js';
import { type Metric, type PlannedGeneration, type Store } from '../types/index.js';
import { enqueueGenerations, enqueueScoring } from './enqueue.js';
import { RunQueues } from './run-queues.js';
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

/** `loupe run --queue`, scoring step: one job per finished generation that a selected metric has not scored yet. */
export async function scoreOnQueue(o: QueuedStepOptions & { metrics: readonly Metric[] }): Promise<void> {
  const queues = await RunQueues.open(o.url, o.runId, o.generatorIds);
  try {
    const done = await o.store.listGenerations({ runId: o.runId, status: 'done' });
    const scored = new Set(
      (await o.store.listScores({ runId: o.runId })).map((s) => `${s.generationKey}|${s.metricId}|${s.metricVersion}`),
    );
    const todo = done.filter((g) =>
      o.metrics.some((m) => m.modalities.includes(g.modality) && !scored.has(`${g.key}|${m.id}|${m.version}`)),
    );
    await enqueueScoring(
      queues,
      todo.map((g) => g.key),
    );
    o.onProgress(`Scoring on the queue: ${todo.length} generation(s) to score with ${o.metrics.map((m) => m.id).join(', ')}.`);
    let last = '';
    await waitForJobs([queues.score], {
      ...o,
      pollMs: o.pollMs ?? 1_000,
      onPoll: async (open) => {
        const line = `score: ${todo.length - open} of ${todo.length} scored`;
        if (line !== last) o.onProgress((last = line));
      },
    });
    (await failedJobLines([queues.score])).forEach(o.onProgress);
  } finally {
    await queues.close();
  }
}
