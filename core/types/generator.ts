import type { Language, Modality, Prompt } from './prompt.js';
import type { LedgerChange, LedgerEntry, LedgerPhase } from './store/ledger.js';

/** Why a generation failed; the scheduler retries only retryable errors. */
export type ErrorCategory =
  'rate-limit' | 'timeout' | 'refused' | 'bad-request' | 'auth' | 'server' | 'network' | 'cancelled' | 'invalid-output';

export interface GenerationError {
  category: ErrorCategory;
  message: string;
  retryable: boolean;
  /** Set from a Retry-After header or the provider's own hint. */
  retryAfterMs?: number;
  /** The ids known when it failed (a job id, the file a folder generator read), kept with the failure for the report. */
  providerIds?: Record<string, string>;
}

export interface GeneratedMedia {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  durationSec?: number;
  fps?: number;
}

export type GenerationResult =
  | {
      ok: true;
      media: GeneratedMedia;
      /** Money spent on this request, in US dollars, when the provider says. */
      costUsd?: number;
      /** The provider's own ids (job id, request id) for audits. */
      providerIds?: Record<string, string>;
    }
  | { ok: false; error: GenerationError };

export interface GenerationRequest {
  prompt: Prompt;
  language: Language;
  /** The exact text sent: the same wording for every generator. */
  text: string;
  seed: number;
  sample: number;
  modality: Modality;
}

/**
 * The ledger as one call of `generate` sees it. An adapter that pays for a request records it here
 * before awaiting its answer, and each phase after; a job that an earlier attempt or process left
 * (`left`) is polled or downloaded again, never created again.
 */
export interface RequestLedger {
  /** The unfinished request an earlier attempt or process left for this generation, if any. */
  readonly left: LedgerEntry | undefined;
  /** Takes over `left`: the records that follow update its row. */
  resume(): void;
  /**
   * Records a phase of this call's request: the first record opens its row (a `sending` before
   * the request goes out), the next ones update it. Recording a job id ends the scheduler's
   * timeout: a job is then bounded by the adapter's own wait limit, and never cut and paid again.
   */
  record(phase: LedgerPhase, change?: LedgerChange): Promise<void>;
}

export interface GeneratorContext {
  /** Aborted on timeout (before a job id is recorded) or when the user stops the run. */
  signal: AbortSignal;
  /** Absent where nothing is kept (a one-off check of a generator). */
  ledger?: RequestLedger;
}

export interface Generator {
  /** The name the config gives this generator (unique within a config). */
  readonly id: string;
  /** The adapter type, e.g. `synthetic`, `openai-images`. */
  readonly type: string;
  readonly modalities: readonly Modality[];
  /** True for generators that draw test media instead of calling a model. */
  readonly synthetic: boolean;
  /**
   * Everything that changes the output, without secrets: it becomes part of
   * each generation's key, so changing it makes new generations.
   */
  identity(): Record<string, unknown>;
  /** What one request for this modality is expected to cost, in US dollars; undefined when the config gives no price. */
  estimateCostUsd?(modality: Modality): number | undefined;
  generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult>;
  /**
   * Stops at the service a job that a stopped run left in the ledger (`loupe jobs cancel`), from
   * its row alone: its `jobId` and `detail` (the create answer). Only adapters whose service has a
   * cancel request have it; the caller records the outcome in the ledger. `said` tells the user
   * what happened, naming the request on failure.
   */
  cancelJob?(entry: LedgerEntry): Promise<CancelOutcome>;
}

export type CancelOutcome = { ok: true; said: string } | { ok: false; said: string };
