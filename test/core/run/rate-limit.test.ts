import { describe, expect, it } from 'vitest';
import { StartSpacer } from '../../../core/run/rate-limit.js';
import { fakeClock } from './fake-clock.js';

describe('StartSpacer', () => {
  it('gives concurrent callers distinct slots one interval apart', async () => {
    const clock = fakeClock();
    const spacer = new StartSpacer(60, clock);
    const signal = new AbortController().signal;
    await Promise.all([1, 2, 3, 4].map(() => spacer.acquire(signal)));
    expect(clock.sleeps).toEqual([0, 1000, 2000, 3000]);
  });

  it('never puts more than the limit in any 60-second window, however the calls come', async () => {
    const clock = fakeClock();
    const spacer = new StartSpacer(7, clock);
    const signal = new AbortController().signal;
    const starts: number[] = [];
    for (let i = 0; i < 40; i++) {
      await spacer.acquire(signal);
      starts.push(clock.now());
      if (i % 5 === 0) await clock.sleep(20_000); // idle spells between bursts
    }
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 60_000).length).toBeLessThanOrEqual(7);
  });

  it('returns at once when the signal is aborted', async () => {
    const clock = fakeClock();
    const spacer = new StartSpacer(1, clock);
    const stop = new AbortController();
    await spacer.acquire(stop.signal);
    stop.abort();
    await spacer.acquire(stop.signal);
    expect(clock.now()).toBe(0);
  });
});
