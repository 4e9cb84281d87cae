import type { Queue } from 'bullmq';
import type { PlannedGeneration } from '../types/index.js';
import type { GenerationJobData } from './generation-job.js';
import { generateJobId } from './queue-names.js';
import type { RunQueues } from './run-queues.js';
import type { ScoreBatchJob } from './score-batches.js';

/**
 * Errors other than a generator's (Redis or the store out of reach) retry a few times; a
 * generator's own errors are retried inside the job by the run's retry policy and end in the
 * store, never as a failed job. Completed jobs are removed, so that a later `loupe run` can
 * enqueue a key again; the store's state then decides whether it runs.
 */
const JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: false } as const;

/** Adds one generation job per item to its generator's queue. */
export async function enqueueGenerations(queues: RunQueues, items: readonly PlannedGeneration[], retryFailed: boolean): Promise<void> {
  for (const [generatorId, queue] of queues.generate) {
    const keys = items.filter((i) => i.generatorId === generatorId).map((i) => i.key);
    const data = (key: string): GenerationJobData => ({ key, retryFailed });
    await addOnce(
      queue,
      keys.map((key) => ({ id: generateJobId(key), data: data(key) })),
    );
  }
}

/** Adds the scoring jobs, each a batch of generations for one metric (`score-batches.ts`). */
export async function enqueueScoring(queues: RunQueues, jobs: readonly ScoreBatchJob[]): Promise<void> {
  await addOnce(queues.score, [...jobs]);
}

/**
 * Adds jobs by id: an id already waiting, delayed or active stays one job. A job that failed
 * on the workers in an earlier pass is removed first, so that this pass tries it again.
 */
async function addOnce(queue: Queue, jobs: { id: string; data: object }[]): Promise<void> {
  const ids = new Set(jobs.map((j) => j.id));
  for (const failed of await queue.getFailed()) {
    if (failed.id && ids.has(failed.id)) await failed.remove();
  }
  await queue.addBulk(jobs.map((j) => ({ name: 'job', data: j.data, opts: { ...JOB_OPTIONS, jobId: j.id } })));
}
