import type { PollClock } from '../adapter-common.js';
import type { HttpOutcome } from '../../core/types/index.js';

/** Failures worth asking again about: the service or the network, not the request. */
export const TRANSIENT = new Set(['rate-limit', 'server', 'network', 'timeout']);
/** Backoff doubles from the base delay up to this many times it. */
const MAX_BACKOFF = 32;

export interface AskAgainPolicy {
  /** Transient failures in a row before the last one is returned. */
  maxErrors: number;
  /** The first wait; doubled after each failure. */
  baseMs: number;
  clock: PollClock;
  signal: AbortSignal;
}

/**
 * Asks again, in place, for something already paid for (a result's download, a job's status): the
 * scheduler's retry would pay for a new generation. Only transient failures are asked again.
 */
export async function askAgain<T>(ask: () => Promise<HttpOutcome<T>>, policy: AskAgainPolicy): Promise<HttpOutcome<T>> {
  for (let errors = 0; ; errors++) {
    const got = await ask();
    if (got.ok || !TRANSIENT.has(got.error.category) || errors >= policy.maxErrors || policy.signal.aborted) return got;
    await policy.clock.sleep(backoffMs(policy.baseMs, errors + 1), policy.signal);
  }
}

/** The wait after `errors` failures in a row. */
export function backoffMs(baseMs: number, errors: number): number {
  return baseMs * Math.min(2 ** errors, MAX_BACKOFF);
}
