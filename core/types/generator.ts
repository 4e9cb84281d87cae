import type { Language, Modality, Prompt } from './prompt.js';

/** Why a generation failed; the scheduler retries only retryable errors. */
export type ErrorCategory =
  'rate-limit' | 'timeout' | 'refused' | 'bad-request' | 'auth' | 'server' | 'network' | 'cancelled' | 'invalid-output';

export interface GenerationError {
  category: ErrorCategory;
  message: string;
  retryable: boolean;
  /** Set from a Retry-After header or the provider's own hint. */
  retryAfterMs?: number;
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

export interface GeneratorContext {
  /** Aborted on timeout or when the user stops the run. */
  signal: AbortSignal;
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
}
