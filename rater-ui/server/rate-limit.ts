import { HTTPException } from 'hono/http-exception';

/** A fixed-window limit per key (a token): enough for a person, not for a script flooding the store. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): void {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > this.max) {
      const retry = Math.ceil((w.start + this.windowMs - t) / 1000);
      throw new HTTPException(429, { message: 'too many submissions; wait a moment', res: undefined, cause: retry });
    }
  }
}
