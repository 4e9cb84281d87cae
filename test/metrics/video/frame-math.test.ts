import { describe, expect, it } from 'vitest';
import { flickerScore, frameDiff, isBlackFrame, meanAndWorst, temporalConsistency } from '../../../metrics/video/frame-math.js';

const frame = (values: number[]) => Uint8Array.from(values);

describe('video frame math', () => {
  it('flicker is (255 - mean MAE of consecutive frames) / 255, as VBench computes it', () => {
    const a = frame([0, 10, 20, 30, 40, 50]);
    const b = frame([4, 10, 16, 30, 40, 56]); // |diff| = 4, 0, 4, 0, 0, 6: MAE 14/6
    expect(frameDiff(a, b)).toEqual({ mae: expect.closeTo(14 / 6, 12), changed: 0 });
    expect(flickerScore([frameDiff(a, b).mae, frameDiff(b, b).mae])).toBeCloseTo((255 - 7 / 6) / 255, 12);
    expect(flickerScore([0, 0])).toBe(1);
    expect(flickerScore([])).toBeNull();
    expect(() => frameDiff(a, frame([1]))).toThrow(/differ in size/);
  });

  it('counts the values that moved by more than 8 levels (what tells a duplicate frame from a small motion)', () => {
    expect(frameDiff(frame([0, 0, 0, 0]), frame([8, 9, 200, 0])).changed).toBe(0.5);
  });

  it('calls a frame black by ffmpeg blackdetect defaults (98% of pixels at luma <= 25.5)', () => {
    const dark = new Uint8Array(300).fill(20);
    expect(isBlackFrame(dark)).toBe(true);
    dark.fill(255, 0, 3 * 3); // 3 bright pixels of 100
    expect(isBlackFrame(dark)).toBe(false);
    expect(isBlackFrame(new Uint8Array(300).fill(30))).toBe(false);
  });

  it('temporal consistency averages the cosine to the first and to the previous frame over t = 2..T, clamped at 0', () => {
    const e = (x: number, y: number) => Float32Array.from([x, y]);
    // f1 = (1,0), f2 = (1,1)/√2-ish, f3 = (0,1): cos(f1,f2) = cos(f2,f3) = √½, cos(f1,f3) = 0.
    const r = temporalConsistency([e(1, 0), e(1, 1), e(0, 1)]);
    expect(r.toFirst).toEqual([expect.closeTo(Math.SQRT1_2, 6), 0]);
    expect(r.toPrevious).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)]);
    expect(r.value).toBeCloseTo((Math.SQRT1_2 + (0 + Math.SQRT1_2) / 2) / 2, 6);
    expect(temporalConsistency([e(1, 0), e(-1, 0)]).value).toBe(0);
    expect(temporalConsistency([e(1, 0), e(2, 0), e(3, 0)]).value).toBeCloseTo(1, 6);
    expect(temporalConsistency([e(1, 0)]).value).toBeNull();
  });

  it('aggregates per-frame values into the mean and the worst frame for either direction', () => {
    expect(meanAndWorst([3, 1, 2], [0, 0.5, 1], 'higher-is-better')).toEqual({ mean: 2, worst: 1, worstAtSec: 0.5 });
    expect(meanAndWorst([3, 1, 2], [0, 0.5, 1], 'lower-is-better')).toEqual({ mean: 2, worst: 3, worstAtSec: 0 });
    expect(meanAndWorst([], [], 'lower-is-better').mean).toBeNull();
  });
});
