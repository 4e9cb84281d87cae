import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { generateOne, needsWork, type GenerateOneOptions } from '../run/index.js';
import type { PlannedGeneration } from '../types/index.js';
import type { Heartbeat } from './heartbeat.js';

export interface GenerationJobData {
  key: string;
  /** `loupe run --retry-failed`: also make generations that failed for good before. */
  retryFailed: boolean;
}

export interface GenerationJobContext extends GenerateOneOptions {
  /** This worker's plan by generation key: a job for another key came from another config. */
  plan: ReadonlyMap<string, PlannedGeneration>;
  heartbeat: Heartbeat;
  /** How long a job waits before looking again at a generation that a live worker holds. */
  recheckMs: number;
}

/**
 * The processor of generation jobs. The store's claim decides who sends the paid request:
 * a job whose generation is done (or failed for good) ends without a request, and one whose
 * generation is claimed by a worker without a heartbeat (killed mid-job; BullMQ handed its
 * stalled job to this worker) releases that worker's claims and claims it again.
 */
export function generationProcessor(ctx: GenerationJobContext): (job: Job<GenerationJobData>, token?: string) => Promise<void> {
  const inFlight = new Set<string>();
  return async (job, token) => {
    const { key, retryFailed } = job.data;
    const item = ctx.plan.get(key);
    if (!item)
      throw new UnrecoverableError(`generation ${key} is not in this worker's plan: start every worker with the run's config file`);
    const record = await ctx.store.getGeneration(key);
    if (record && !needsWork(record, retryFailed)) return;
    const holder = record?.status === 'running' ? record.claimedBy : null;
    // A holder that is still alive may be this very process, when BullMQ took the job back from it after a missed lock renewal.
    if (inFlight.has(key) || (holder && holder !== ctx.owner && (await ctx.heartbeat.isAlive(holder)))) {
      await job.moveToDelayed(Date.now() + ctx.recheckMs, token);
      throw new DelayedError();
    }
    if (holder && holder !== ctx.owner) await ctx.store.releaseClaims(holder);
    inFlight.add(key);
    try {
      await generateOne(item, ctx);
    } finally {
      inFlight.delete(key);
    }
    if (ctx.abort.aborted) throw new Error('abandoned by a worker stopped at once; the generation is pending again');
  };
}
