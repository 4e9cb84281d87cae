import { describe, expect, it } from 'vitest';
import { colourSums } from '../../../metrics/image/colour-sums-simd.js';
import { lumaOf } from '../../../metrics/image/colour-sums.js';
import { pixelMeasures } from '../../../metrics/image/measures.js';
import { random } from './test-pictures.js';

// The measures one formula at a time, as their papers state them: the references the two fused
// passes must match bit for bit.

const luma = (rgb: Uint8Array) =>
  Uint8Array.from({ length: rgb.length / 3 }, (_, i) =>
    Math.round(0.299 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!),
  );

/** Sum of f(x, y) over interior pixels, in raster order. */
function interior(width: number, height: number, f: (x: number, y: number) => number): number {
  let sum = 0;
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) sum += f(x, y);
  return sum;
}

function laplacianVariance(grey: Uint8Array, width: number, height: number): number | null {
  if (width < 3 || height < 3) return null;
  const g = (x: number, y: number) => grey[y * width + x]!;
  const l = (x: number, y: number) => g(x, y - 1) + g(x, y + 1) + g(x - 1, y) + g(x + 1, y) - 4 * g(x, y);
  const n = (width - 2) * (height - 2);
  const mean = interior(width, height, l) / n;
  return Math.max(0, interior(width, height, (x, y) => l(x, y) ** 2) / n - mean * mean);
}

function immerkaerSigma(grey: Uint8Array, width: number, height: number): number | null {
  if (width < 3 || height < 3) return null;
  const mask = [1, -2, 1, -2, 4, -2, 1, -2, 1];
  const conv = (x: number, y: number) => mask.reduce((s, m, k) => s + m * grey[(y + Math.floor(k / 3) - 1) * width + x + (k % 3) - 1]!, 0);
  const total = interior(width, height, (x, y) => Math.abs(conv(x, y)));
  return (Math.sqrt(Math.PI / 2) * total) / (6 * (width - 2) * (height - 2));
}

function clipping(grey: Uint8Array) {
  const fraction = (keep: (v: number) => boolean) => grey.filter(keep).length / grey.length;
  return {
    highlights: fraction((v) => v >= 250),
    shadows: fraction((v) => v <= 5),
    meanLuma: grey.reduce((s, v) => s + v, 0) / grey.length,
  };
}

function colorfulness(rgb: Uint8Array) {
  const n = rgb.length / 3;
  const rg = Array.from({ length: n }, (_, i) => rgb[3 * i]! - rgb[3 * i + 1]!);
  const yb = Array.from({ length: n }, (_, i) => 0.5 * (rgb[3 * i]! + rgb[3 * i + 1]!) - rgb[3 * i + 2]!);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / n;
  const std = (a: number[], m: number) => Math.sqrt(Math.max(0, a.reduce((s, v) => s + v * v, 0) / n - m * m));
  const [meanRg, meanYb] = [mean(rg), mean(yb)];
  const [stdRg, stdYb] = [std(rg, meanRg), std(yb, meanYb)];
  return { value: Math.hypot(stdRg, stdYb) + 0.3 * Math.hypot(meanRg, meanYb), meanRg, meanYb, stdRg, stdYb };
}

function reference(rgb: Uint8Array, width: number, height: number) {
  const grey = luma(rgb);
  return {
    sharpness: laplacianVariance(grey, width, height),
    clipping: clipping(grey),
    colorfulness: colorfulness(rgb),
    noiseSigma: immerkaerSigma(grey, width, height),
  };
}

/** Random RGB; `spread` below 1 crowds the values at both ends, so that many pixels clip. */
function pixels(width: number, height: number, seed: number, spread = 1): Uint8Array {
  const r = random(seed);
  return Uint8Array.from({ length: width * height * 3 }, () => {
    const t = r();
    return Math.round(255 * (spread >= 1 ? t : t < 0.5 ? t * spread : 1 - (1 - t) * spread));
  });
}

describe('technical image measures (two fused passes)', () => {
  it('round the luma of every one of the 2^24 colours as Math.round of the float sum does, one at a time and sixteen at a time', () => {
    let differ = 0;
    const rgb = new Uint8Array(3 * 65536),
      grey = new Uint8Array(65536);
    for (let r = 0; r < 256; r++) {
      for (let i = 0; i < 65536; i++) rgb.set([r, i >> 8, i & 255], 3 * i);
      colourSums(rgb, grey);
      for (let i = 0; i < 65536; i++) {
        const want = Math.round(0.299 * r + 0.587 * (i >> 8) + 0.114 * (i & 255));
        if (grey[i] !== want || lumaOf(r, i >> 8, i & 255) !== want) differ++;
      }
    }
    expect(differ).toBe(0);
  });

  it('equal each formula computed on its own, bit for bit, on random images of odd and tiny sizes', () => {
    const sizes = [
      [1, 1],
      [2, 2],
      [3, 3],
      [5, 7],
      [7, 5],
      [2, 9],
      [9, 2],
      [64, 3],
      [10, 4],
      [512, 288],
      [4200, 3],
      [513, 289],
    ] as const;
    for (const [i, [width, height]] of sizes.entries()) {
      for (const spread of [1, 0.05]) {
        const rgb = pixels(width, height, 100 + i, spread);
        expect({ width, height, spread, ...pixelMeasures(rgb, width, height) }).toEqual({
          width,
          height,
          spread,
          ...reference(rgb, width, height),
        });
      }
    }
  });

  it('equal them on flat, black and white images, and on every colour whose luma lies halfway between two levels', () => {
    /** Pixels of the given colours in turn (one colour: a flat image). */
    const flat = (width: number, height: number, ...colours: number[][]) => ({
      width,
      height,
      rgb: Uint8Array.from({ length: width * height * 3 }, (_, i) => colours[Math.floor(i / 3) % colours.length]![i % 3]!),
    });
    const [black, white] = [flat(8, 6, [0, 0, 0]), flat(8, 6, [255, 255, 255])];
    // 299 R + 587 G + 114 B = 1000 k + 500: Math.round of the float sum goes up for some, down for others.
    const halves: number[] = [];
    for (let r = 0; r < 256; r++)
      for (let g = 0; g < 256; g++) for (let b = 0; b < 256; b++) if ((299 * r + 587 * g + 114 * b) % 1000 === 500) halves.push(r, g, b);
    const rows = Math.floor(halves.length / 3 / 97);
    const halfway = { width: 97, height: rows, rgb: Uint8Array.from(halves.slice(0, 97 * rows * 3)) };
    // The largest Laplacian everywhere, |L| = 1020, along rows long enough to need more than one call of the SIMD kernel.
    const checkerboard = (width: number, height: number) => ({
      width,
      height,
      rgb: Uint8Array.from({ length: width * height * 3 }, (_, i) => {
        const pixel = Math.floor(i / 3);
        return ((pixel % width) + Math.floor(pixel / width)) % 2 ? 255 : 0;
      }),
    });
    for (const { width, height, rgb } of [
      black,
      white,
      flat(5, 9, [90, 140, 60]),
      flat(1, 1, [255, 0, 255]),
      halfway,
      checkerboard(8300, 3),
      // The largest (2 yb)² everywhere (yellow and blue), over more pixels than one call of the SIMD kernel takes.
      flat(300, 300, [255, 255, 0], [0, 0, 255]),
    ]) {
      expect(pixelMeasures(rgb, width, height)).toEqual(reference(rgb, width, height));
    }
    expect(rows).toBeGreaterThan(100);
    expect(pixelMeasures(black.rgb, 8, 6)).toMatchObject({ sharpness: 0, noiseSigma: 0, clipping: { shadows: 1, highlights: 0 } });
    expect(pixelMeasures(white.rgb, 8, 6)).toMatchObject({ sharpness: 0, noiseSigma: 0, clipping: { shadows: 0, highlights: 1 } });
  });
});
