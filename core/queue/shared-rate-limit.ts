import { Redis } from 'ioredis';
import { limitsFor, type Clock, type RateLimiter } from '../run/index.js';
import type { SchedulerConfig } from '../config/index.js';
import { rateKey } from './queue-names.js';

// One atomic step on Redis's own clock: take the next start slot of this generator and move it
// one interval on. Every worker reserves its slot here, so starts across all workers are spaced
// an interval apart: at most ratePerMinute in any 60-second window, sliding.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local startAt = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
redis.call('SET', KEYS[1], string.format('%d', startAt + tonumber(ARGV[1])), 'PX', tonumber(ARGV[1]) + 60000)
return startAt - now`;

/** The start spacing of one generator, shared by every worker of a run through Redis. */
class SharedStartSpacer implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  async acquire(signal: AbortSignal): Promise<void> {
    const waitMs = Number(await this.redis.eval(RESERVE, 1, this.key, this.intervalMs));
    await this.clock.sleep(waitMs, signal);
  }
}

/** The shared limiters of a run's generators that have a rate limit, and the connection they use. */
export async function sharedRateLimiters(
  url: string,
  runId: string,
  scheduler: SchedulerConfig,
  generatorIds: readonly string[],
  clock: Clock,
): Promise<{ limiters: Map<string, RateLimiter>; close(): void }> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  const limiters = new Map<string, RateLimiter>();
  for (const id of generatorIds) {
    const { ratePerMinute } = limitsFor(scheduler, id);
    // Whole milliseconds, rounded up: the spacing may only grow.
    if (ratePerMinute) limiters.set(id, new SharedStartSpacer(redis, rateKey(runId, id), Math.ceil(60_000 / ratePerMinute), clock));
  }
  return { limiters, close: () => redis.disconnect() };
}
