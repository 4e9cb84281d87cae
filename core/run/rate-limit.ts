import type { Clock } from './clock.js';

/** Holds back requests that may bill so that a generator's rate limit is kept, retries included. */
export interface RateLimiter {
  /** Resolves when a request may start (at once when stopped: the caller checks its signal). */
  acquire(signal: AbortSignal): Promise<void>;
}

/**
 * Spaces request starts `60000 / ratePerMinute` ms apart, in one process. Each caller reserves
 * its slot before it waits, so concurrent callers never share one; evenly spaced starts put at
 * most `ratePerMinute` of them in any 60-second window, sliding, with no burst at window edges.
 */
export class StartSpacer implements RateLimiter {
  private nextStartAt = -Infinity;
  private readonly interval: number;

  constructor(
    ratePerMinute: number,
    private readonly clock: Clock,
  ) {
    this.interval = 60_000 / ratePerMinute;
  }

  async acquire(signal: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const startAt = Math.max(this.nextStartAt, now);
    this.nextStartAt = startAt + this.interval;
    await this.clock.sleep(startAt - now, signal);
  }
}
