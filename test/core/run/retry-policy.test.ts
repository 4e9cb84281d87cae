import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../core/run/retry-policy.js';

const settings = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 8000 };
const error = { category: 'server' as const, message: 'boom', retryable: true };

describe('retryDelayMs', () => {
  it('grows exponentially under full jitter and is capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, settings, error, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
    expect(retryDelayMs(3, settings, error, () => 0)).toBe(0);
  });

  it('never waits less than Retry-After, even above the cap', () => {
    expect(retryDelayMs(1, settings, { ...error, retryAfterMs: 30_000 }, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(4, settings, { ...error, retryAfterMs: 10 }, () => 0.5)).toBe(4000);
  });
});
