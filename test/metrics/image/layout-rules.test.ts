import { describe, expect, it } from 'vitest';
import type { Box } from '../../../metrics/image/detection-boxes.js';
import { checkLayout, relativePosition } from '../../../metrics/image/layout-rules.js';

const box = (x1: number, y1: number, x2: number, y2: number, score = 0.9): Box => ({ x1, y1, x2, y2, score });
const rels = (a: Box, b: Box) => [...relativePosition(a, b)].sort();

describe("GenEval's relative position rule", () => {
  // Worked by hand: offset of centres, shrunk by 0.1 x the summed sizes per axis, over the offset's length, against 0.5.
  it.each([
    ['side by side', box(0, 0, 10, 10), box(20, 0, 30, 10), ['left of']], // (-18, 0) / 20 -> dx -0.9
    ['diagonal', box(0, 0, 10, 10), box(20, 20, 30, 30), ['above', 'left of']], // (-18, -18) / 28.3 -> -0.64 each
    ['mostly sideways', box(0, 0, 10, 10), box(20, 5, 30, 15), ['left of']], // (-18, -3) / 20.6 -> dx -0.87, dy -0.15
    ['below', box(0, 40, 10, 50), box(0, 0, 10, 10), ['below']], // (0, 38) / 40 -> dy 0.95
    ['centres within the margin', box(0, 0, 10, 10), box(1, 0, 11, 10), []], // |-1| < 2: no relation at all
  ])('%s', (_, a, b, expected) => expect(rels(a, b)).toEqual(expected));
});

describe("GenEval's image check", () => {
  const noColours = async () => [];
  const teddyLeftDogRight = new Map([
    ['teddy bear', [box(0, 0, 10, 10)]],
    ['dog', [box(30, 0, 40, 10)]],
  ]);
  const dogRightOfTeddy = {
    layout: [
      { object: 'teddy bear', count: 1 },
      { object: 'dog', count: 1, position: { relation: 'right of' as const, of: 0 } },
    ],
  };

  it('passes a dog right of a teddy bear and says why a swapped pair fails', async () => {
    expect(await checkLayout(dogRightOfTeddy, teddyLeftDogRight, noColours)).toEqual({ correct: true, reasons: [] });
    const swapped = new Map([
      ['teddy bear', [box(30, 0, 40, 10)]],
      ['dog', [box(0, 0, 10, 10)]],
    ]);
    expect(await checkLayout(dogRightOfTeddy, swapped, noColours)).toEqual({
      correct: false,
      reasons: ['expected dog right of target, found left of target'],
    });
    const noTeddy = new Map([['dog', [box(0, 0, 10, 10)]]]);
    expect((await checkLayout(dogRightOfTeddy, noTeddy, noColours)).reasons).toEqual([
      'expected teddy bear>=1, found 0',
      'no target for dog to be right of',
    ]);
  });

  it('counts with an upper bound: two clocks means at least two and fewer than three', async () => {
    const clocks = (n: number) => new Map([['clock', Array.from({ length: n }, (_, i) => box(i * 20, 0, i * 20 + 10, 10))]]);
    const twoClocks = { layout: [{ object: 'clock', count: 2 }], fewerThan: [{ object: 'clock', n: 3 }] };
    expect((await checkLayout(twoClocks, clocks(2), noColours)).correct).toBe(true);
    expect((await checkLayout(twoClocks, clocks(3), noColours)).reasons).toEqual(['expected clock<3, found 3']);
    expect((await checkLayout(twoClocks, clocks(1), noColours)).reasons).toEqual(['expected clock>=2, found 1']);
  });

  it('checks the colour of the most confident detections only, as many as the count asks', async () => {
    const asked: number[] = [];
    const colours = async (_: string, boxes: readonly Box[]) => (asked.push(boxes.length), ['red', 'blue'].slice(0, boxes.length));
    const cars = new Map([['car', [box(0, 0, 10, 10, 0.9), box(20, 0, 30, 10, 0.8), box(40, 0, 50, 10, 0.7)]]]);
    expect(await checkLayout({ layout: [{ object: 'car', count: 1, color: 'red' }] }, cars, colours)).toEqual({
      correct: true,
      reasons: [],
    });
    expect((await checkLayout({ layout: [{ object: 'car', count: 2, color: 'red' }] }, cars, colours)).reasons).toEqual([
      'expected red car>=2, found 1 red (red, blue)',
    ]);
    expect(asked).toEqual([1, 2]);
  });
});
