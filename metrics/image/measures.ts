/**
 * No-reference measures of technical image quality, as pure functions of decoded pixels.
 * Each formula's source is given where it is defined; `image-technical.ts` wraps them as metrics.
 */

/**
 * Variance of the Laplacian (Pech-Pacheco et al. 2000, "Diatom autofocusing in brightfield microscopy"),
 * with the 4-neighbour kernel [[0,1,0],[1,-4,1],[0,1,0]] that OpenCV's `Laplacian(ksize=1)` uses,
 * population variance over interior pixels (no border padding). Null below 3 x 3 pixels.
 */
export function laplacianVariance(grey: Uint8Array, width: number, height: number): number | null {
  if (width < 3 || height < 3) return null;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = grey[i - width]! + grey[i + width]! + grey[i - 1]! + grey[i + 1]! - 4 * grey[i]!;
      sum += l;
      sumSq += l * l;
    }
  }
  const n = (width - 2) * (height - 2);
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}

export interface Clipping {
  /** Fraction of pixels whose luma is >= 250. */
  highlights: number;
  /** Fraction of pixels whose luma is <= 5. */
  shadows: number;
  /** Mean 8-bit luma (0..255): tells a dark image from a bright one, which the clipped fractions alone cannot. */
  meanLuma: number;
}

export const CLIP_HIGH = 250;
export const CLIP_LOW = 5;

export function clipping(grey: Uint8Array): Clipping {
  let high = 0;
  let low = 0;
  let sum = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    sum += v;
    if (v >= CLIP_HIGH) high++;
    else if (v <= CLIP_LOW) low++;
  }
  return { highlights: high / grey.length, shadows: low / grey.length, meanLuma: sum / grey.length };
}

export interface Colorfulness {
  value: number;
  meanRg: number;
  meanYb: number;
  stdRg: number;
  stdYb: number;
}

/**
 * Hasler & Süsstrunk 2003, "Measuring colourfulness in natural images" (SPIE 5007), their M^(3):
 * rg = R - G, yb = (R + G) / 2 - B, M = sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²),
 * on 8-bit sRGB values with population standard deviations.
 */
export function colorfulness(rgb: Uint8Array): Colorfulness {
  const n = rgb.length / 3;
  let sRg = 0,
    sYb = 0,
    qRg = 0,
    qYb = 0;
  for (let j = 0; j < rgb.length; j += 3) {
    const r = rgb[j]!,
      g = rgb[j + 1]!,
      b = rgb[j + 2]!;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    sRg += rg;
    sYb += yb;
    qRg += rg * rg;
    qYb += yb * yb;
  }
  const meanRg = sRg / n;
  const meanYb = sYb / n;
  const stdRg = Math.sqrt(Math.max(0, qRg / n - meanRg * meanRg));
  const stdYb = Math.sqrt(Math.max(0, qYb / n - meanYb * meanYb));
  const value = Math.hypot(stdRg, stdYb) + 0.3 * Math.hypot(meanRg, meanYb);
  return { value, meanRg, meanYb, stdRg, stdYb };
}

/**
 * Immerkær 1996, "Fast noise variance estimation" (Computer Vision and Image Understanding 64(2)):
 * sigma = sqrt(pi/2) / (6 (W-2)(H-2)) * sum over interior pixels of |I * M|,
 * M = [[1,-2,1],[-2,4,-2],[1,-2,1]]. In grey levels (0..255). Null below 3 x 3 pixels.
 */
export function immerkaerSigma(grey: Uint8Array, width: number, height: number): number | null {
  if (width < 3 || height < 3) return null;
  let total = 0;
  for (let y = 1; y < height - 1; y++) {
    const up = (y - 1) * width;
    const mid = y * width;
    const down = (y + 1) * width;
    for (let x = 1; x < width - 1; x++) {
      const v =
        grey[up + x - 1]! -
        2 * grey[up + x]! +
        grey[up + x + 1]! -
        2 * grey[mid + x - 1]! +
        4 * grey[mid + x]! -
        2 * grey[mid + x + 1]! +
        grey[down + x - 1]! -
        2 * grey[down + x]! +
        grey[down + x + 1]!;
      total += Math.abs(v);
    }
  }
  return (Math.sqrt(Math.PI / 2) * total) / (6 * (width - 2) * (height - 2));
}
