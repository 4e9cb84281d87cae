import type { GenerationError } from '../types/index.js';

export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1 = the first retry): exponential backoff with full
 * jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"), capped at maxDelayMs, and
 * never shorter than the server's Retry-After, which wins over the cap.
 */
export function retryDelayMs(attempt: number, settings: RetrySettings, error: GenerationError, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, error.retryAfterMs ?? 0);
}

/** Categories worth another try on a later resume, after the attempts of one run ran out. */
export const RETRYABLE_CATEGORIES: ReadonlySet<string> = new Set(['rate-limit', 'timeout', 'server', 'network']);
