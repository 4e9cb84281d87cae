import { describe, expect, it } from 'vitest';
import { runLanes } from '../../../core/run/lane-scheduler.js';

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
      (lane) => (lane === 'a' ? 3 : 1),
      async (item, lane) => {
        inFlight.set(lane, (inFlight.get(lane) ?? 0) + 1);
        peak.set(lane, Math.max(peak.get(lane) ?? 0, inFlight.get(lane)!));
        await g.wait();
        inFlight.set(lane, inFlight.get(lane)! - 1);
        seen.push(`${lane}${item}`);
      },
      new AbortController().signal,
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

  it('starts nothing new after stop', async () => {
    const stop = new AbortController();
    const ran: number[] = [];
    await runLanes(
      new Map([['a', [1, 2, 3, 4]]]),
      () => 1,
      async (item) => {
        ran.push(item);
        if (item === 2) stop.abort();
      },
      stop.signal,
    );
    expect(ran).toEqual([1, 2]);
  });
});
