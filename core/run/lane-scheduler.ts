import type { Clock } from './clock.js';

export interface LaneLimits {
  concurrency: number;
  ratePerMinute?: number;
}

/**
 * Runs each lane's jobs (one lane per generator) with the lane's own concurrency and
 * start-rate limit; lanes run side by side. Once `stop` aborts, no new job starts and
 * the jobs in flight are awaited.
 */
export async function runLanes<T>(
  lanes: ReadonlyMap<string, readonly T[]>,
  limitsOf: (lane: string) => LaneLimits,
  job: (item: T, lane: string) => Promise<void>,
  options: { stop: AbortSignal; clock: Clock },
): Promise<void> {
  const { stop, clock } = options;
  await Promise.all(
    [...lanes].map(async ([lane, items]) => {
      const { concurrency, ratePerMinute } = limitsOf(lane);
      const interval = ratePerMinute ? 60_000 / ratePerMinute : 0;
      let next = 0;
      let nextStartAt = clock.now();
      const worker = async () => {
        while (!stop.aborted && next < items.length) {
          if (interval > 0) {
            // Reserve a start slot before waiting so that workers of one lane never share a slot.
            const startAt = Math.max(nextStartAt, clock.now());
            nextStartAt = startAt + interval;
            await clock.sleep(startAt - clock.now(), stop);
            if (stop.aborted) return;
          }
          const item = items[next++];
          if (item === undefined) return;
          await job(item, lane);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    }),
  );
}
