import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { FrameMemory, FrameSlots } from '../../../metrics/video/frame-memory.js';

/** Whether the promise has settled once pending callbacks have run. */
const settled = (p: Promise<unknown>) =>
  Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise((r) => setImmediate(() => r(false))),
  ]);

describe('the frame memory', () => {
  it('hands out regions that never overlap, reuses freed ones and gives every byte back, in any order of release', () => {
    const memory = new FrameMemory();
    const rand = mulberry32(5);
    for (let round = 0; round < 20; round++) {
      const sizes = Array.from({ length: 6 }, () => 16 * (1 + Math.floor(rand() * 40000)));
      const regions = sizes.map((bytes) => ({ start: memory.allocate(bytes), bytes }));
      const sorted = [...regions].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.start + sorted[i - 1]!.bytes);
      expect(Math.max(...regions.map((r) => r.start + r.bytes))).toBeLessThanOrEqual(memory.memory.buffer.byteLength);
      // Release in a random order, and take one back in between: the first fit is the freed range.
      const order = regions.map((r) => ({ r, k: rand() })).sort((a, b) => a.k - b.k);
      const first = order.shift()!.r;
      memory.release(first.start, first.bytes);
      const again = memory.allocate(first.bytes);
      expect(again).toBe(first.start);
      memory.release(again, first.bytes);
      for (const { r } of order) memory.release(r.start, r.bytes);
      expect(memory.usedBytes()).toBe(0);
    }
  });

  it('gives a view that stays valid when the memory grows', () => {
    const memory = new FrameMemory();
    const at = memory.allocate(64);
    const view = memory.view(at, 64).fill(7);
    memory.allocate(10 * 65536);
    expect([...view]).toEqual(new Array(64).fill(7));
    expect(memory.view(at, 64)[63]).toBe(7);
  });
});

describe('frame slots', () => {
  it('wait for a free slot while every slot is held, until each thread it was sent to released it', async () => {
    const slots = new FrameSlots(new FrameMemory(), 100, 2);
    const [a, b] = [await slots.acquire(100), await slots.acquire(100)];
    expect(a.offset).not.toBe(b.offset);
    expect(slots.slotOf(b.view)).toBe(b);
    slots.hold(a, 2);
    slots.hold(b, 1);
    const third = slots.acquire(100);
    expect(await settled(third)).toBe(false);
    slots.release(a.index);
    expect(await settled(third)).toBe(false);
    slots.release(a.index);
    expect(await third).toBe(a);
    slots.close();
  });

  it('refuse a frame of another size, and fail the waiting with the first error', async () => {
    const slots = new FrameSlots(new FrameMemory(), 100, 1);
    await expect(slots.acquire(99)).rejects.toThrow('a frame of 99 bytes in slots of 100');
    slots.hold(await slots.acquire(100), 1);
    const waiting = slots.acquire(100);
    slots.fail(new Error('measuring failed'));
    slots.fail(new Error('a later failure'));
    await expect(waiting).rejects.toThrow('measuring failed');
    await expect(slots.acquire(100)).rejects.toThrow('measuring failed');
    slots.close();
  });
});
