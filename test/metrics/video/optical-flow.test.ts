import { describe, expect, it } from 'vitest';
import { areaLuma, greyDownscaled, hornSchunck, type GreyImage } from '../../../metrics/video/optical-flow.js';
import { topMagnitudeMean } from '../../../metrics/video/top-magnitude.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { areaLumaReference, greyReference } from './flow-references.js';
import { referenceHornSchunck } from './horn-schunck-v2.js';

/** A smooth random texture (sums of sinusoids) sampled with an offset, so that `b` is `a` moved by (dx, dy). */
function texture(width: number, height: number, dx = 0, dy = 0, seed = 1): GreyImage {
  const rand = mulberry32(seed);
  const waves = Array.from({ length: 12 }, () => ({ fx: (rand() - 0.5) * 0.5, fy: (rand() - 0.5) * 0.5, phase: rand() * 6.28 }));
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - dx,
        sy = y - dy;
      data[y * width + x] = 128 + waves.reduce((s, w) => s + 10 * Math.sin(w.fx * sx + w.fy * sy + w.phase), 0);
    }
  }
  return { width, height, data };
}

function median(values: Float32Array): number {
  return Float32Array.from(values).sort()[values.length >> 1]!;
}

describe('Horn-Schunck flow', () => {
  it('recovers a uniform translation, small and large (the pyramid), and gives zero for still frames', () => {
    for (const [dx, dy] of [
      [1.5, 0],
      [0, -2],
      [6, 4],
    ] as const) {
      const { u, v } = hornSchunck(texture(128, 96), texture(128, 96, dx, dy));
      expect(median(u)).toBeCloseTo(dx, 0);
      expect(median(v)).toBeCloseTo(dy, 0);
      expect(Math.abs(topMagnitudeMean(u, v) - Math.hypot(dx, dy))).toBeLessThan(0.35 * Math.hypot(dx, dy));
    }
    const still = hornSchunck(texture(128, 96), texture(128, 96));
    expect(topMagnitudeMean(still.u, still.v)).toBeLessThan(1e-3);
  });

  it('gives the flow of motion version 2 (e5b852b) bit for bit: tiny, odd and real sizes, still, small and large moves', () => {
    const rand = mulberry32(5);
    const noise = (width: number, height: number): GreyImage => ({
      width,
      height,
      data: Float32Array.from({ length: width * height }, () => 255 * rand()),
    });
    // Sizes in turn, then the first again: the working arrays kept between calls must not leak a size or a value.
    const sizes = [
      [228, 128],
      [1, 1],
      [2, 3],
      [5, 4],
      [11, 13],
      [23, 24],
      [37, 29],
      [97, 61],
      [128, 96],
      [300, 170],
      [228, 128],
    ] as const;
    for (const [i, [width, height]] of sizes.entries()) {
      for (const [dx, dy] of [
        [0, 0],
        [1.5, -0.7],
        [6, 4],
        [-9.3, 12.2],
      ] as const) {
        const [a, b] = [texture(width, height, 0, 0, i + 1), texture(width, height, dx, dy, i + 1)];
        for (const [from, to] of [
          [a, b],
          [noise(width, height), noise(width, height)],
        ] as const) {
          const got = hornSchunck(from, to);
          const want = referenceHornSchunck(from, to);
          const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((value, k) => Object.is(value, y[k]));
          expect({ width, height, dx, dy, u: same(got.u, want.u), v: same(got.v, want.v) }).toEqual({
            width,
            height,
            dx,
            dy,
            u: true,
            v: true,
          });
        }
      }
    }
  });

  it('downscales RGB to luma at the asked shortest side, normalised to mean 128 and deviation 32; a flat frame stays flat', () => {
    const rgb = new Uint8Array(80 * 40 * 3);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 80; x++) rgb.fill(x < 40 ? 0 : 200, (y * 80 + x) * 3, (y * 80 + x) * 3 + 3);
    const g = greyDownscaled(rgb, 80, 40, 20);
    expect([g.width, g.height]).toEqual([40, 20]);
    const mean = g.data.reduce((a, b) => a + b, 0) / g.data.length;
    const std = Math.sqrt(g.data.reduce((a, b) => a + (b - mean) ** 2, 0) / g.data.length);
    expect(mean).toBeCloseTo(128, 3);
    expect(std).toBeCloseTo(32, 3);
    expect(g.data[0]!).toBeLessThan(128);
    expect(g.data[39]!).toBeGreaterThan(128);
    expect(new Set(greyDownscaled(new Uint8Array(30 * 30 * 3).fill(90), 30, 30, 30).data)).toEqual(new Set([128]));
  });

  it('area-averages luma as adding each pixel into its cell in raster order in float32 (four bands of rows at once), then smooths and normalises as one value at a time with clamped neighbours, bit for bit', () => {
    const rand = mulberry32(7);
    for (const [width, height, side] of [
      [1, 1, 8],
      [7, 3, 1],
      [2, 3, 8],
      [3, 2, 8],
      [4, 9, 8],
      [9, 5, 5],
      [7, 30, 7],
      [13, 37, 5],
      [37, 13, 4],
      [64, 48, 48],
      [300, 170, 128],
      [160, 1000, 128],
      [1280, 720, 128],
    ] as const) {
      const rgb = Uint8Array.from({ length: width * height * 3 }, () => Math.floor(rand() * 256));
      for (const [got, want] of [
        [areaLuma(rgb, width, height, side), areaLumaReference(rgb, width, height, side)],
        [greyDownscaled(rgb, width, height, side), greyReference(rgb, width, height, side)],
      ] as const) {
        expect({ width, height, side, w: got.width, h: got.height }).toEqual({ width, height, side, w: want.width, h: want.height });
        expect(got.data.every((v, i) => Object.is(v, want.data[i]))).toBe(true);
      }
    }
  });

  it('reads no motion into a change of brightness and contrast, or into pixel noise', () => {
    const rand = mulberry32(3);
    const base = texture(160, 120);
    const rgb = (gain: number, offset: number, noise: number) => {
      const out = new Uint8Array(160 * 120 * 3);
      base.data.forEach((v, i) =>
        out.fill(Math.max(0, Math.min(255, Math.round(gain * v + offset + noise * (rand() - 0.5)))), 3 * i, 3 * i + 3),
      );
      return greyDownscaled(out, 160, 120, 120);
    };
    const flicker = hornSchunck(rgb(1, 0, 0), rgb(1.3, -20, 0));
    expect(topMagnitudeMean(flicker.u, flicker.v)).toBeLessThan(0.1);
    const noisy = hornSchunck(rgb(1, 0, 30), rgb(1, 0, 30)); // independent noise of sd 8.7 levels in each frame
    // Under 1 px here is under 2.2 px at the 256-px scale of `motion`, well below its threshold of 6.
    expect(topMagnitudeMean(noisy.u, noisy.v)).toBeLessThan(1);
  });
});
