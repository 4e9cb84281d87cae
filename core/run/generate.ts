import type { SchedulerConfig } from '../config/index.js';
import {
  type GenerationError,
  type GenerationResult,
  type Generator,
  type MediaStore,
  type Prompt,
  type GenerationRecord,
  type PlannedGeneration,
  type Store,
} from '../types/index.js';
import type { Clock } from './clock.js';
import { runLanes } from './lane-scheduler.js';
import { RETRYABLE_CATEGORIES, retryDelayMs } from './retry-policy.js';
import type { RunEvent } from './run-events.js';

export interface GenerateOptions {
  store: Store;
  media: MediaStore;
  generators: ReadonlyMap<string, Generator>;
  /** Prompts by `${setId}/${promptId}`. */
  prompts: ReadonlyMap<string, Prompt>;
  planned: readonly PlannedGeneration[];
  scheduler: SchedulerConfig;
  /** Who holds the claims this call makes (host and process). */
  owner: string;
  /** Graceful stop: no new request starts; those in flight finish and are kept. */
  stop: AbortSignal;
  /** Hard stop: requests in flight are aborted and go back to pending. */
  abort: AbortSignal;
  clock: Clock;
  random: () => number;
  /** Also retry generations that failed for good (refused, bad request...) in an earlier attempt. */
  retryFailed?: boolean;
  onEvent?: (event: RunEvent) => void;
}

export const promptKey = (setId: string, promptId: string) => `${setId}/${promptId}`;

/** Generates every planned item that is not done yet; returns when all are done, failed or the run is stopped. */
export async function generateAll(options: GenerateOptions): Promise<void> {
  const { store, planned, onEvent } = options;
  const existing = new Map(
    (await Promise.all(planned.map((p) => store.getGeneration(p.key)))).flatMap((g) => (g ? [[g.key, g] as const] : [])),
  );
  const todo = planned.filter((p) => needsWork(existing.get(p.key), options.retryFailed ?? false));
  onEvent?.({ type: 'generate-start', total: planned.length, todo: todo.length });
  const lanes = new Map<string, PlannedGeneration[]>();
  for (const item of todo) lanes.set(item.generatorId, [...(lanes.get(item.generatorId) ?? []), item]);
  await runLanes(
    lanes,
    (lane) => limitsFor(options.scheduler, lane),
    (item) => generateOne(item, options),
    options,
  );
  await store.releaseClaims(options.owner);
  onEvent?.({ type: 'generate-end', stopped: options.stop.aborted });
}

/** Whether a generation still has to be made: not done, and not failed for good (unless `retryFailed`). */
export function needsWork(record: GenerationRecord | undefined, retryFailed: boolean): boolean {
  if (!record) return true;
  if (record.status === 'done') return false;
  if (record.status === 'failed') return retryFailed || RETRYABLE_CATEGORIES.has(record.errorCategory ?? '');
  return true;
}

/** The limits of one generator: its own settings over the scheduler's defaults. */
export function limitsFor(scheduler: SchedulerConfig, generatorId: string) {
  const own = scheduler.perGenerator[generatorId] ?? {};
  return {
    concurrency: own.concurrency ?? scheduler.concurrency,
    ratePerMinute: own.ratePerMinute ?? scheduler.ratePerMinute,
    timeoutMs: own.timeoutMs ?? scheduler.timeoutMs,
    maxAttempts: own.maxAttempts ?? scheduler.maxAttempts,
  };
}

/** What making one generation needs: a run's options without its plan. */
export type GenerateOneOptions = Omit<GenerateOptions, 'planned' | 'retryFailed'>;

/**
 * Claims one planned generation and makes it, retrying retryable errors with backoff; the
 * outcome goes to the store. Returns without a request when the claim is refused.
 */
export async function generateOne(item: PlannedGeneration, options: GenerateOneOptions): Promise<void> {
  const { store, media, clock, onEvent } = options;
  if (!(await store.claimGeneration(item.key, options.owner))) {
    onEvent?.({ type: 'skipped', item, reason: 'claimed elsewhere or already done' });
    return;
  }
  const generator = options.generators.get(item.generatorId)!;
  const prompt = options.prompts.get(promptKey(item.promptSetId, item.promptId))!;
  const limits = limitsFor(options.scheduler, item.generatorId);
  for (let attempt = 1; ; attempt++) {
    const started = clock.now();
    const result = await callGenerator(generator, item, prompt, limits.timeoutMs, options.abort);
    const latencyMs = clock.now() - started;
    if (options.abort.aborted) return; // released to pending by generateAll
    if (result.ok) {
      if (result.media.bytes.byteLength === 0) {
        await fail(
          item,
          { category: 'invalid-output', message: 'the generator returned an empty file', retryable: false },
          latencyMs,
          options,
        );
        return;
      }
      const stored = await media.put(result.media.bytes, result.media.mime);
      await store.finishGeneration(item.key, {
        status: 'done',
        mediaHash: stored.hash,
        mime: result.media.mime,
        width: result.media.width,
        height: result.media.height,
        durationSec: result.media.durationSec,
        fps: result.media.fps,
        latencyMs,
        costUsd: result.costUsd,
        providerIds: result.providerIds,
      });
      onEvent?.({ type: 'done', item, latencyMs, costUsd: result.costUsd });
      return;
    }
    if (!result.error.retryable || attempt >= limits.maxAttempts || options.stop.aborted) {
      await fail(item, result.error, latencyMs, options);
      return;
    }
    const delayMs = retryDelayMs(attempt, { ...options.scheduler, maxAttempts: limits.maxAttempts }, result.error, options.random);
    onEvent?.({ type: 'retry', item, attempt, delayMs, error: result.error });
    await clock.sleep(delayMs, options.abort);
    if (options.abort.aborted) return;
  }
}

async function fail(item: PlannedGeneration, error: GenerationError, latencyMs: number, options: GenerateOneOptions): Promise<void> {
  await options.store.finishGeneration(item.key, {
    status: 'failed',
    errorCategory: error.category,
    errorMessage: error.message,
    latencyMs,
  });
  options.onEvent?.({ type: 'failed', item, error });
}

/** Calls the adapter with a timeout; an adapter that throws is a bug, stored as a non-retryable error. */
async function callGenerator(
  generator: Generator,
  item: PlannedGeneration,
  prompt: Prompt,
  timeoutMs: number,
  abort: AbortSignal,
): Promise<GenerationResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([abort, timeout]);
  const request = { prompt, language: item.language, text: item.text, seed: item.seed, sample: item.sample, modality: item.modality };
  try {
    const result = await generator.generate(request, { signal });
    if (!result.ok && timeout.aborted && !abort.aborted) {
      return { ok: false, error: { category: 'timeout', message: `no answer within ${timeoutMs} ms`, retryable: true } };
    }
    return result;
  } catch (e) {
    const message = `generator "${generator.id}" threw instead of returning an error: ${(e as Error).message ?? String(e)}`;
    return { ok: false, error: { category: 'server', message, retryable: false } };
  }
}
