import { describe, expect, it } from 'vitest';
import { frameMemory, FrameSlots } from '../../../metrics/video/frame-memory.js';
import { flowThread, frameThread, type ClipSession } from '../../../metrics/video/frame-thread.js';

const [WIDTH, HEIGHT] = [32, 24];
const BYTES = WIDTH * HEIGHT * 3;

/** Reads a flat grey frame of one level into a free slot and sends it to the sessions: consecutive frames differ by exactly the step between their levels. */
async function send(slots: FrameSlots, sessions: ClipSession<unknown>[], index: number, level: number): Promise<void> {
  const slot = await slots.acquire(BYTES);
  slot.view.fill(level);
  slots.hold(slot, sessions.length);
  for (const s of sessions) s.add({ index, timeSec: index / 10, width: WIDTH, height: HEIGHT, rgb: slot.view, slot: slot.index });
}

/** Whether every slot is free again: all of them can be taken without waiting. */
async function allFree(slots: FrameSlots, count: number): Promise<boolean> {
  const taken = await Promise.race([
    Promise.all(Array.from({ length: count }, () => slots.acquire(BYTES))),
    new Promise<null>((resolve) => setImmediate(() => resolve(null))),
  ]);
  return taken !== null;
}

describe('the frame measuring threads', () => {
  it('measure every frame in order where it lies, more frames than slots, and release every slot', async () => {
    const levels = [0, 10, 30, 30, 100, 20, 200, 200, 0, 5];
    const slots = new FrameSlots(frameMemory(), BYTES, 3);
    const session = frameThread.open(2, slots);
    for (const [i, level] of levels.entries()) await send(slots, [session], i, level);
    const r = await session.finish();
    expect(r.pairDiffs).toEqual(levels.slice(1).map((l, i) => Math.abs(l - levels[i]!)));
    // A duplicate: no value moved by more than 8 levels (0 to 5 is one).
    expect(r.duplicates).toEqual(levels.slice(1).map((l, i) => Math.abs(l - levels[i]!) <= 8));
    // Black by luma <= 25.5: levels 0, 10, 20 and 5 (frames 0, 1, 5, 8, 9).
    expect(r.blackFrameTimes).toEqual([0, 0.1, 0.5, 0.8, 0.9]);
    // Every second frame is a quality frame.
    expect(r.quality.map((q) => q.timeSec)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(await allFree(slots, 3)).toBe(true);
    slots.close();
  });

  it('take the flow of each frame the flow thread is sent from the one before, beside the frame thread', async () => {
    const slots = new FrameSlots(frameMemory(), BYTES, 2);
    const [frames, flow] = [frameThread.open(2, slots), flowThread.open(2, slots)];
    for (const [i, level] of [0, 30, 200].entries()) await send(slots, [frames, flow], 2 * i, level);
    const [f, r] = await Promise.all([frames.finish(), flow.finish()]);
    expect(f.pairDiffs).toEqual([30, 170]);
    // Flat frames have no flow, whatever their levels.
    expect(r.flow.map((x) => [x.timeSec, x.magnitude])).toEqual([0.2, 0.4].map((t) => [t, 0]));
    expect(r.flowSize).toBe('32x24'); // never enlarged to the 128-pixel flow side
    expect(await allFree(slots, 2)).toBe(true);
    slots.close();
  });

  it('keep clips apart, and a dropped clip does not disturb the next', async () => {
    const gone = new FrameSlots(frameMemory(), BYTES, 2);
    const dropped = frameThread.open(1, gone);
    await send(gone, [dropped], 0, 50);
    dropped.drop();
    gone.close();
    const [sa, sb] = [new FrameSlots(frameMemory(), BYTES, 2), new FrameSlots(frameMemory(), BYTES, 2)];
    const [a, b] = [frameThread.open(1, sa), frameThread.open(1, sb)];
    await send(sa, [a], 0, 0);
    await send(sb, [b], 0, 100);
    await send(sa, [a], 1, 40);
    await send(sb, [b], 1, 90);
    expect((await a.finish()).pairDiffs).toEqual([40]);
    expect((await b.finish()).pairDiffs).toEqual([10]);
    sa.close();
    sb.close();
  });

  it('stop a clip at its first failure: the reading waits no longer and finish rejects with the reason', async () => {
    const slots = new FrameSlots(frameMemory(), BYTES, 2);
    const session = frameThread.open(1, slots);
    await send(slots, [session], 0, 10);
    // A frame shorter than the one before cannot be compared with it.
    const short = await slots.acquire(BYTES);
    slots.hold(short, 1);
    session.add({ index: 1, timeSec: 0.1, width: WIDTH, height: HEIGHT, rgb: short.view.subarray(0, 30), slot: short.index });
    // Both slots stay held (the failed frame's is never released): only the failure wakes the next read.
    await expect(slots.acquire(BYTES)).rejects.toThrow('frames differ in size');
    expect(() => session.add({ index: 2, timeSec: 0.2, width: WIDTH, height: HEIGHT, rgb: short.view, slot: short.index })).toThrow(
      'frames differ in size',
    );
    await expect(session.finish()).rejects.toThrow('frames differ in size');
    slots.close();
  });
});
