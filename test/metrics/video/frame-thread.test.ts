import { describe, expect, it } from 'vitest';
import { flowThread, frameThread } from '../../../metrics/video/frame-thread.js';

/** A flat grey frame of one level: consecutive frames differ by exactly the step between their levels. */
const flat = (index: number, level: number) => ({
  index,
  timeSec: index / 10,
  width: 32,
  height: 24,
  rgb: new Uint8Array(32 * 24 * 3).fill(level),
});

describe('the frame measuring thread', () => {
  it('measures every frame in order, whatever the number in flight, and takes the buffers over', async () => {
    const levels = [0, 10, 30, 30, 100, 20, 200, 200, 0, 5];
    const session = frameThread.open(2);
    const sent = levels.map((level, i) => flat(i, level));
    for (const frame of sent) await session.add(frame);
    const r = await session.finish();
    expect(r.pairDiffs).toEqual(levels.slice(1).map((l, i) => Math.abs(l - levels[i]!)));
    // A duplicate: no value moved by more than 8 levels (0 to 5 is one).
    expect(r.duplicates).toEqual(levels.slice(1).map((l, i) => Math.abs(l - levels[i]!) <= 8));
    // Black by luma <= 25.5: levels 0, 10, 20 and 5 (frames 0, 1, 5, 8, 9).
    expect(r.blackFrameTimes).toEqual([0, 0.1, 0.5, 0.8, 0.9]);
    // Every second frame is a quality frame.
    expect(r.quality.map((q) => q.timeSec)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(sent.every((f) => f.rgb.byteLength === 0)).toBe(true);
  });

  it('takes the flow of each frame the flow thread is sent from the one before', async () => {
    const session = flowThread.open(2);
    for (const [i, level] of [0, 30, 200].entries()) await session.add(flat(2 * i, level));
    const r = await session.finish();
    // Flat frames have no flow, whatever their levels.
    expect(r.flow.map((f) => [f.timeSec, f.magnitude])).toEqual([0.2, 0.4].map((t) => [t, 0]));
    expect(r.flowSize).toBe('32x24'); // never enlarged to the 128-pixel flow side
  });

  it('keeps clips apart, and a dropped clip does not disturb the next', async () => {
    const dropped = frameThread.open(1);
    await dropped.add(flat(0, 50));
    dropped.drop();
    const [a, b] = [frameThread.open(1), frameThread.open(1)];
    await a.add(flat(0, 0));
    await b.add(flat(0, 100));
    await a.add(flat(1, 40));
    await b.add(flat(1, 90));
    expect((await a.finish()).pairDiffs).toEqual([40]);
    expect((await b.finish()).pairDiffs).toEqual([10]);
  });
});
