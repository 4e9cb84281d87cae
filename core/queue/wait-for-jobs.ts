import type { Queue } from 'bullmq';
import type { Clock } from '../run/index.js';
import { OPEN_STATES } from './run-queues.js';

/**
 * Waits until none of the queues' jobs is waiting, delayed or active (or `stop` aborts),
 * calling `onPoll` on every look so that the caller can show progress.
 */
export async function waitForJobs(
  queues: readonly Queue[],
  options: { stop: AbortSignal; clock: Clock; pollMs: number; onPoll(open: number): Promise<void> },
): Promise<void> {
  while (!options.stop.aborted) {
    const counts = await Promise.all(queues.map((q) => q.getJobCountByTypes(...OPEN_STATES)));
    const open = counts.reduce((a, b) => a + b, 0);
    await options.onPoll(open);
    if (open === 0) return;
    await options.clock.sleep(options.pollMs, options.stop);
  }
}

/** Lines for jobs that failed on the workers for reasons other than a generator's (those are in the store). */
export async function failedJobLines(queues: readonly Queue[]): Promise<string[]> {
  const failed = (await Promise.all(queues.map((q) => q.getFailed()))).flat();
  return failed.map((job) => `job ${job.id} (${job.queueName}) failed on the workers: ${job.failedReason}`);
}
