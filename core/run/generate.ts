import type { SchedulerConfig } from '../config/index.js';
import {
  type GenerationError,
  type GenerationResult,
  type Generator,
  type MediaProbe,
  type MediaStore,
  type Prompt,
  type GenerationState,
  type PlannedGeneration,
  type Store,
  type GenerationOutcome,
  type LedgerEntry,
  type Budget,
  RESUMABLE_PHASES,
} from '../types/index.js';
import type { Clock } from './clock.js';
import { groupIntoLanes, runLanes } from './lane-scheduler.js';
import { StartSpacer, type RateLimiter } from './rate-limit.js';
import { GenerationLedger } from './request-ledger.js';
import { RETRYABLE_CATEGORIES, retryDelayMs } from './retry-policy.js';
import type { RunEvent } from './run-events.js';
import { probedMedia } from './probed-media.js';

export interface GenerateOptions {
  store: Store;
  media: MediaStore;
  /** Reads each stored video's size, duration and rate (an adapter may not know them: a folder of clips says nothing). */
  probe: MediaProbe;
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
  /** The run's spending limit: no paid request starts that would pass it (run.budgetUsd). */
  budget?: Budget;
  onEvent?: (event: RunEvent) => void;
}

export const promptKey = (setId: string, promptId: string) => `${setId}/${promptId}`;

/** Generates every planned item that is not done yet; returns when all are done, failed or the run is stopped. */
export async function generateAll(options: GenerateOptions): Promise<void> {
  const { store, planned, onEvent } = options;
  const todo = await plannedToMake(store, planned, options.retryFailed ?? false);
  onEvent?.({ type: 'generate-start', total: planned.length, todo: todo.length });
  const lanes = groupIntoLanes(todo, (item) => item.generatorId);
  const limiters = rateLimiters(options.scheduler, [...lanes.keys()], options.clock);
  // Past the budget no new generation starts; those in flight finish.
  const overBudget = new AbortController();
  const stop = AbortSignal.any([options.stop, overBudget.signal]);
  await runLanes(
    lanes,
    (lane) => limitsFor(options.scheduler, lane).concurrency,
    async (item) => {
      if ((await generateOne(item, { ...options, limiters, stop })) === 'over-budget') overBudget.abort();
    },
    stop,
  );
  await store.releaseClaims(options.owner);
  onEvent?.({ type: 'generate-end', stopped: options.stop.aborted, overBudget: overBudget.signal.aborted });
}

/** The planned generations that still have to be made, in planning order, read from the store in one call. */
export async function plannedToMake(
  store: Store,
  planned: readonly PlannedGeneration[],
  retryFailed: boolean,
): Promise<PlannedGeneration[]> {
  const states = await store.generationStates(planned.map((p) => p.key));
  return planned.filter((p) => needsWork(states.get(p.key), retryFailed));
}

/** Whether a generation still has to be made: not done, and not failed for good (unless `retryFailed`). */
export function needsWork(record: GenerationState | undefined, retryFailed: boolean): boolean {
  if (!record) return true;
  if (record.status === 'done') return false;
  if (record.status === 'failed') return retryFailed || RETRYABLE_CATEGORIES.has(record.errorCategory ?? '');
  return true;
}

/** One in-process limiter per generator that has a rate limit. */
export function rateLimiters(scheduler: SchedulerConfig, generatorIds: readonly string[], clock: Clock): Map<string, RateLimiter> {
  const limiters = new Map<string, RateLimiter>();
  for (const id of generatorIds) {
    const { ratePerMinute } = limitsFor(scheduler, id);
    if (ratePerMinute) limiters.set(id, new StartSpacer(ratePerMinute, clock));
  }
  return limiters;
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
export type GenerateOneOptions = Omit<GenerateOptions, 'planned' | 'retryFailed'> & {
  /** The rate limiter of each generator that has a rate limit; every request that may bill passes it. */
  limiters: ReadonlyMap<string, RateLimiter>;
};

/**
 * Claims one planned generation and makes it, retrying retryable errors with backoff; the
 * outcome goes to the store. Returns without a request when the claim is refused. A request an
 * earlier attempt or process left in the ledger is picked up: media already downloaded is stored,
 * a job is polled or its result downloaded again, never created again.
 */
export async function generateOne(item: PlannedGeneration, options: GenerateOneOptions): Promise<'over-budget' | undefined> {
  const { store, media, clock, onEvent } = options;
  if (!(await store.claimGeneration(item.key, options.owner))) {
    onEvent?.({ type: 'skipped', item, reason: 'claimed elsewhere or already done' });
    return;
  }
  const generator = options.generators.get(item.generatorId)!;
  const prompt = options.prompts.get(promptKey(item.promptSetId, item.promptId))!;
  const limits = limitsFor(options.scheduler, item.generatorId);
  let left = (await store.listLedger({ generationKey: item.key, phases: [...RESUMABLE_PHASES] })).at(-1);
  if (left?.phase === 'downloaded' && (await storeDownloaded(item, left, options))) return;
  for (let attempt = 1; ; attempt++) {
    // Each attempt is a claim of its own, so the stored `attempts` counts requests, not runs.
    if (attempt > 1 && !(await store.claimGeneration(item.key, options.owner))) return;
    const claims = (await store.getGeneration(item.key))?.attempts ?? attempt;
    // A new request (not a job or result an earlier attempt left) waits for its rate slot and its share of the budget.
    const newRequest = left === undefined || (left.phase === 'sending' && left.jobId === null);
    if (newRequest) await options.limiters.get(item.generatorId)?.acquire(options.abort);
    if (options.abort.aborted) return;
    const ledgerOwner = { store, generationKey: item.key, generatorId: item.generatorId, attempt: claims };
    const priceUsd = generator.estimateCostUsd?.(item.modality);
    let reservedId: number | undefined;
    if (newRequest && options.budget && priceUsd) {
      const reserved = await store.reserveLedgerEntry({ ...ledgerOwner, phase: 'sending', priceUsd }, options.budget);
      if (!reserved.ok) {
        // Back to pending at once, so that a queue worker does not hold it while it takes other jobs.
        await store.releaseClaim(item.key, options.owner);
        onEvent?.({ type: 'over-budget', item, spentUsd: reserved.spentUsd, priceUsd, budgetUsd: options.budget.usd });
        return 'over-budget';
      }
      reservedId = reserved.id;
    }
    const started = clock.now();
    const result = await callGenerator(
      generator,
      item,
      prompt,
      limits.timeoutMs,
      options.abort,
      (onJobId) => new GenerationLedger({ ...ledgerOwner, priceUsd, onJobId }, left, reservedId),
    );
    left = undefined;
    await result.ledger.settleLeft();
    const latencyMs = clock.now() - started;
    if (options.abort.aborted) return; // released to pending by generateAll; the ledger keeps what was sent
    if (result.outcome.ok) {
      await storeResult(item, result.outcome, latencyMs, result.ledger, options);
      return;
    }
    const error = result.outcome.error;
    await result.ledger.settleFailure(error);
    if (!error.retryable || attempt >= limits.maxAttempts || options.stop.aborted) {
      await fail(item, error, latencyMs, options);
      return;
    }
    const delayMs = retryDelayMs(attempt, { ...options.scheduler, maxAttempts: limits.maxAttempts }, error, options.random);
    onEvent?.({ type: 'retry', item, attempt, delayMs, error });
    await clock.sleep(delayMs, options.abort);
    if (options.abort.aborted) return;
  }
}

/** Media first (content-addressed, so a repeat is harmless), then the ledger, then the generation. */
async function storeResult(
  item: PlannedGeneration,
  result: Extract<GenerationResult, { ok: true }>,
  latencyMs: number,
  ledger: GenerationLedger,
  options: GenerateOneOptions,
): Promise<void> {
  if (result.media.bytes.byteLength === 0) {
    const error: GenerationError = { category: 'invalid-output', message: 'the generator returned an empty file', retryable: false };
    await ledger.settleFailure(error);
    await fail(item, error, latencyMs, options);
    return;
  }
  const stored = await options.media.put(result.media.bytes, result.media.mime);
  const { bytes: _bytes, ...claimed } = result.media;
  const meta = await probedMedia(claimed, stored.hash, options);
  if (!meta.ok) {
    const error: GenerationError = { ...meta.error, providerIds: result.providerIds };
    await ledger.settleFailure(error);
    await fail(item, error, latencyMs, options);
    return;
  }
  const outcome = {
    status: 'done' as const,
    mediaHash: stored.hash,
    ...meta.media,
    latencyMs,
    costUsd: result.costUsd,
    providerIds: result.providerIds,
  };
  if (ledger.opened) {
    await ledger.record('downloaded', {
      mediaHash: stored.hash,
      detail: { outcome },
      ...(result.costUsd !== undefined ? { priceUsd: result.costUsd } : {}),
    });
  }
  await options.store.finishGeneration(item.key, outcome);
  if (ledger.opened) await ledger.record('stored');
  options.onEvent?.({ type: 'done', item, latencyMs, costUsd: result.costUsd });
}

/** Media an earlier process downloaded and put in the media store but did not record as done: recorded now, with no request. */
async function storeDownloaded(item: PlannedGeneration, left: LedgerEntry, options: GenerateOneOptions): Promise<boolean> {
  const outcome = (left.detail as { outcome?: Extract<GenerationOutcome, { status: 'done' }> } | null)?.outcome;
  if (!outcome || left.mediaHash === null || !(await options.media.has(left.mediaHash))) return false;
  await options.store.finishGeneration(item.key, outcome);
  await options.store.updateLedgerEntry(left.id, { phase: 'stored' });
  options.onEvent?.({ type: 'done', item, latencyMs: outcome.latencyMs, costUsd: outcome.costUsd });
  return true;
}

async function fail(item: PlannedGeneration, error: GenerationError, latencyMs: number, options: GenerateOneOptions): Promise<void> {
  await options.store.finishGeneration(item.key, {
    status: 'failed',
    errorCategory: error.category,
    errorMessage: error.message,
    latencyMs,
    ...(error.providerIds ? { providerIds: error.providerIds } : {}),
  });
  options.onEvent?.({ type: 'failed', item, error });
}

/**
 * Calls the adapter with the scheduler's timeout, which ends once the adapter records a job id:
 * from then on the job is bounded by the adapter's own wait limit, since cutting it would pay
 * for it again. An adapter that throws is a bug, stored as a non-retryable error.
 */
async function callGenerator(
  generator: Generator,
  item: PlannedGeneration,
  prompt: Prompt,
  timeoutMs: number,
  abort: AbortSignal,
  makeLedger: (onJobId: () => void) => GenerationLedger,
): Promise<{ outcome: GenerationResult; ledger: GenerationLedger }> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const ledger = makeLedger(() => clearTimeout(timer));
  const signal = AbortSignal.any([abort, timeout.signal]);
  const request = { prompt, language: item.language, text: item.text, seed: item.seed, sample: item.sample, modality: item.modality };
  try {
    const outcome = await generator.generate(request, { signal, ledger });
    if (!outcome.ok && timeout.signal.aborted && !abort.aborted) {
      return {
        outcome: { ok: false, error: { category: 'timeout', message: `no answer within ${timeoutMs} ms`, retryable: true } },
        ledger,
      };
    }
    return { outcome, ledger };
  } catch (e) {
    const message = `generator "${generator.id}" threw instead of returning an error: ${(e as Error).message ?? String(e)}`;
    return { outcome: { ok: false, error: { category: 'server', message, retryable: false } }, ledger };
  } finally {
    clearTimeout(timer);
  }
}
