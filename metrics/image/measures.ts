/**
 * No-reference measures of technical image quality, as pure functions of decoded pixels, in two
 * passes: one over the RGB (luma, clipping, colourfulness: colour-sums-simd.ts), one over the luma
 * (Laplacian, noise: filter-sums-simd.ts), each a WebAssembly SIMD kernel. Every sum is of integers
 * or half-integers, exact in a double in any order, so each measure is what its formula alone
 * computes (test/metrics/image/measures.test.ts holds them one by one). `image-technical.ts` wraps
 * them as metrics.
 */
import { colourSums } from './colour-sums-simd.js';
import type { ColourSums } from './colour-sums.js';
import { filterSums, lumaBuffer } from './filter-sums-simd.js';

export interface Clipping {
  /** Fraction of pixels whose luma is >= 250. */
  highlights: number;
  /** Fraction of pixels whose luma is <= 5. */
  shadows: number;
  /** Mean 8-bit luma (0..255): tells a dark image from a bright one, which the clipped fractions alone cannot. */
  meanLuma: number;
}

export { CLIP_HIGH, CLIP_LOW } from './colour-sums.js';

export interface Colorfulness {
  value: number;
  meanRg: number;
  meanYb: number;
  stdRg: number;
  stdYb: number;
}

export interface PixelMeasures {
  /** Variance of the Laplacian of the luma; null below 3 x 3 pixels. */
  sharpness: number | null;
  clipping: Clipping;
  colorfulness: Colorfulness;
  /** Immerkær's noise sigma of the luma; null below 3 x 3 pixels. */
  noiseSigma: number | null;
}

/** Every measure of `width` x `height` pixels of interleaved 8-bit RGB. */
export function pixelMeasures(rgb: Uint8Array, width: number, height: number): PixelMeasures {
  const grey = lumaBuffer(width * height);
  const c = colourSums(rgb, grey);
  const n = grey.length;
  const clipping = { highlights: c.high / n, shadows: c.low / n, meanLuma: c.luma / n };
  if (width < 3 || height < 3) return { sharpness: null, clipping, colorfulness: colorfulness(c, n), noiseSigma: null };
  const { laplacian, laplacianSq, immerkaer } = filterSums(grey, width, height);
  // Pech-Pacheco et al. 2000, "Diatom autofocusing in brightfield microscopy": population variance
  // of the Laplacian over interior pixels (no border padding).
  const inner = (width - 2) * (height - 2);
  const mean = laplacian / inner;
  const sharpness = Math.max(0, laplacianSq / inner - mean * mean);
  // Immerkær 1996, "Fast noise variance estimation" (Computer Vision and Image Understanding 64(2)):
  // sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum over interior pixels of |I * M|, in grey levels.
  const noiseSigma = (Math.sqrt(Math.PI / 2) * immerkaer) / (6 * (width - 2) * (height - 2));
  return { sharpness, clipping, colorfulness: colorfulness(c, n), noiseSigma };
}

/**
 * Hasler & Süsstrunk 2003, "Measuring colourfulness in natural images" (SPIE 5007), their M^(3):
 * rg = R - G, yb = (R + G) / 2 - B, M = sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²),
 * on 8-bit sRGB values with population standard deviations.
 */
function colorfulness(c: ColourSums, n: number): Colorfulness {
  // Halving and quartering are exact: the sums of yb and yb² themselves.
  const meanRg = c.rg / n;
  const meanYb = c.yb2 / 2 / n;
  const stdRg = Math.sqrt(Math.max(0, c.rgSq / n - meanRg * meanRg));
  const stdYb = Math.sqrt(Math.max(0, c.yb2Sq / 4 / n - meanYb * meanYb));
  const value = Math.hypot(stdRg, stdYb) + 0.3 * Math.hypot(meanRg, meanYb);
  return { value, meanRg, meanYb, stdRg, stdYb };
}
