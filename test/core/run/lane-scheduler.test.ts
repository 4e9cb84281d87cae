import { describe, expect, it } from 'vitest';
import { groupIntoLanes, runLanes } from '../../../core/run/lane-scheduler.js';

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

describe('groupIntoLanes', () => {
  it('groups items in the order the earlier array-copying way did, lanes in order of first appearance', () => {
    let x = 7;
    const items = Array.from({ length: 500 }, (_, i) => ({ i, lane: `g${(x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) % 6}` }));
    const copied = new Map<string, (typeof items)[number][]>();
    for (const item of items) copied.set(item.lane, [...(copied.get(item.lane) ?? []), item]);
    const grouped = groupIntoLanes(items, (item) => item.lane);
    expect([...grouped.keys()]).toEqual([...copied.keys()]);
    expect(grouped).toEqual(copied);
    expect([...grouped.values()].flat()).toHaveLength(500);
  });
});
