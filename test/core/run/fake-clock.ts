import type { Clock } from '../../../core/run/clock.js';

/** A clock whose sleeps return at once and move time forward to their wake-up time; it records every delay asked for. */
export function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      const wakeAt = now + Math.max(0, ms);
      sleeps.push(ms);
      await Promise.resolve();
      if (!signal?.aborted) now = Math.max(now, wakeAt);
    },
  };
}
