import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchedulerSchema } from '../../../core/config/schema.js';
import { sharedRateLimiters } from '../../../core/queue/shared-rate-limit.js';
import { systemClock, type Clock } from '../../../core/run/clock.js';
import { startRedis, type RedisServer } from '../../../scripts/redis-server.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  await redis?.stop();
});

/** A clock that does not wait, and remembers what it was asked to wait, relative to real time. */
function recordingClock(): Clock & { wakeAt: number[] } {
  const wakeAt: number[] = [];
  return { wakeAt, now: () => Date.now(), sleep: async (ms) => void wakeAt.push(Date.now() + ms) };
}

describe('shared rate limit (queue mode)', () => {
  it('spaces the starts of several workers one interval apart on Redis', async () => {
    const scheduler = SchedulerSchema.parse({ perGenerator: { paid: { ratePerMinute: 6 } } });
    const clocks = [recordingClock(), recordingClock(), recordingClock()];
    // Three workers, each with its own Redis connection, asking for 4 starts each at once.
    const workers = await Promise.all(clocks.map((c) => sharedRateLimiters(redis.url, 'run-rl', scheduler, ['paid', 'free'], c)));
    try {
      expect(workers[0]!.limiters.has('free')).toBe(false);
      const signal = new AbortController().signal;
      await Promise.all(workers.flatMap((w) => [1, 2, 3, 4].map(() => w.limiters.get('paid')!.acquire(signal))));
      const starts = clocks.flatMap((c) => c.wakeAt).sort((a, b) => a - b);
      expect(starts).toHaveLength(12);
      // Redis hands out slots exactly 10 s apart (starts one interval apart put at most 6 in any
      // 60-second window: test/core/run/rate-limit.test.ts); each worker reads its slot back on its
      // own clock, a few ms off Redis's, so the gaps are checked to within that.
      const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
      for (const gap of gaps) expect(gap).toBeGreaterThan(9_900);
      expect(starts.at(-1)! - starts[0]!).toBeGreaterThan(11 * 9_900);
    } finally {
      workers.forEach((w) => w.close());
    }
  });

  it('keeps each run and generator on its own schedule', async () => {
    const scheduler = SchedulerSchema.parse({ ratePerMinute: 1 });
    const clock = recordingClock();
    const a = await sharedRateLimiters(redis.url, 'run-a', scheduler, ['g1', 'g2'], clock);
    const b = await sharedRateLimiters(redis.url, 'run-b', scheduler, ['g1'], clock);
    try {
      const signal = new AbortController().signal;
      const before = Date.now();
      for (const limiter of [a.limiters.get('g1')!, a.limiters.get('g2')!, b.limiters.get('g1')!]) await limiter.acquire(signal);
      // The first start of each (run, generator) is now, not a minute later.
      for (const t of clock.wakeAt) expect(t - before).toBeLessThan(5_000);
    } finally {
      a.close();
      b.close();
    }
  });
});
