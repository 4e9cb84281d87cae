import { Queue } from 'bullmq';
import type { SchedulerConfig } from '../config/index.js';
import { limitsFor } from '../run/index.js';
import { queueConnection, reachRedis } from './redis-connection.js';
import { QUEUE_PREFIX, generateQueueName, scoreQueueName } from './queue-names.js';

/** The job states a queue reports; a run waits until none of its jobs is open. */
export const OPEN_STATES = ['waiting', 'active', 'delayed', 'prioritized'] as const;
export const COUNTED_STATES = [...OPEN_STATES, 'completed', 'failed'] as const;
export type QueueCounts = Record<(typeof COUNTED_STATES)[number], number>;

/** The BullMQ queues of one run, opened on a Redis URL. */
export class RunQueues {
  readonly generate: Map<string, Queue>;
  readonly score: Queue;

  /** The queues, once Redis has answered (an unreachable Redis is an error, not a wait). */
  static async open(url: string, runId: string, generatorIds: readonly string[]): Promise<RunQueues> {
    await reachRedis(url);
    return new RunQueues(url, runId, generatorIds);
  }

  private constructor(url: string, runId: string, generatorIds: readonly string[]) {
    const opts = { connection: queueConnection(url), prefix: QUEUE_PREFIX };
    this.generate = new Map(generatorIds.map((id) => [id, new Queue(generateQueueName(runId, id), opts)]));
    this.score = new Queue(scoreQueueName(runId), opts);
  }

  /**
   * Sets each generator's concurrency on its queue, in Redis, so that it holds for all workers
   * together (BullMQ's global concurrency). The rate limit is not a job limit: it counts every
   * request, retries included, through the workers' shared limiter (`shared-rate-limit.ts`).
   */
  async applyLimits(scheduler: SchedulerConfig): Promise<void> {
    for (const [id, queue] of this.generate) {
      await queue.setGlobalConcurrency(limitsFor(scheduler, id).concurrency);
      await queue.removeGlobalRateLimit();
    }
  }

  /** Job counts by state for every queue, named `generate <id>` and `score`. */
  async counts(): Promise<Map<string, QueueCounts>> {
    const all = [...[...this.generate].map(([id, q]) => [`generate ${id}`, q] as const), ['score', this.score] as const];
    const counts = await Promise.all(
      all.map(async ([name, q]) => [name, (await q.getJobCounts(...COUNTED_STATES)) as QueueCounts] as const),
    );
    return new Map(counts);
  }

  async close(): Promise<void> {
    await Promise.all([...this.generate.values(), this.score].map((q) => q.close()));
  }
}
