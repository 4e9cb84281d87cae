import { describe, expect, it } from 'vitest';
import { runLanes } from '../../../core/run/lane-scheduler.js';
import { fakeClock } from './fake-clock.js';

/** A job that waits for the test to release it, so the number in flight can be observed. */
function gate() {
  const waiting: (() => void)[] = [];
  return { waiting, wait: () => new Promise<void>((r) => waiting.push(r)) };
}

describe('runLanes', () => {
  it('keeps each lane within its own concurrency and runs every item once', async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const seen: string[] = [];
    const g = gate();
    const lanes = new Map([
      ['a', [1, 2, 3, 4, 5, 6, 7]],
      ['b', [1, 2, 3]],
    ]);
    const done = runLanes(
      lanes,
      (lane) => ({ concurrency: lane === 'a' ? 3 : 1 }),
      async (item, lane) => {
        inFlight.set(lane, (inFlight.get(lane) ?? 0) + 1);
        peak.set(lane, Math.max(peak.get(lane) ?? 0, inFlight.get(lane)!));
        await g.wait();
        inFlight.set(lane, inFlight.get(lane)! - 1);
        seen.push(`${lane}${item}`);
      },
      { stop: new AbortController().signal, clock: fakeClock() },
    );
    while (seen.length < 10) {
      await new Promise((r) => setImmediate(r));
      g.waiting.splice(0).forEach((release) => release());
    }
    await done;
    expect(peak.get('a')).toBe(3);
    expect(peak.get('b')).toBe(1);
    expect(seen.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'b1', 'b2', 'b3']);
  });

  it('spaces starts by the rate limit', async () => {
    const clock = fakeClock();
    let started = 0;
    await runLanes(
      new Map([['a', [1, 2, 3, 4]]]),
      () => ({ concurrency: 4, ratePerMinute: 60 }),
      async () => {
        started++;
      },
      { stop: new AbortController().signal, clock },
    );
    // Four workers reserve four distinct slots one second apart, all from time 0.
    expect(clock.sleeps).toEqual([0, 1000, 2000, 3000]);
    expect(started).toBe(4);
  });

  it('starts nothing new after stop', async () => {
    const stop = new AbortController();
    const ran: number[] = [];
    await runLanes(
      new Map([['a', [1, 2, 3, 4]]]),
      () => ({ concurrency: 1 }),
      async (item) => {
        ran.push(item);
        if (item === 2) stop.abort();
      },
      { stop: stop.signal, clock: fakeClock() },
    );
    expect(ran).toEqual([1, 2]);
  });
});
