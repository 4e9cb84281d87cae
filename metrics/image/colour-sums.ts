/**
 * The first pass of the technical measures one pixel at a time: the rounded luma and the sums
 * that clipping and colourfulness need. The definitions that `colour-sums-simd.ts` computes sixteen
 * pixels at a time, and what it uses for the pixels left over and the blocks it cannot decide.
 */

/** Luma at or above this is a clipped highlight, at or below `CLIP_LOW` a clipped shadow. */
export const CLIP_HIGH = 250;
export const CLIP_LOW = 5;

/**
 * Rec. 601 luma rounded, Math.round(0.299 R + 0.587 G + 0.114 B), the same integer for every
 * colour (measures.test.ts tries all 2^24) mostly in integer arithmetic: the float sum is within
 * 1e-13 of (299 R + 587 G + 114 B) / 1000, so it rounds as that exact value does,
 * floor((299 R + 587 G + 114 B + 500) / 1000), unless that value lies halfway between two levels,
 * where the float sum's own rounding error decides which way it goes.
 */
export function lumaOf(r: number, g: number, b: number): number {
  const k = 299 * r + 587 * g + 114 * b + 500;
  const v = Math.floor((k + 0.5) * 0.001) | 0;
  return k === v * 1000 ? Math.round(0.299 * r + 0.587 * g + 0.114 * b) | 0 : v;
}

export interface ColourSums {
  high: number;
  low: number;
  luma: number;
  rg: number;
  rgSq: number;
  /** Of 2 yb = R + G - 2 B, an integer. */
  yb2: number;
  yb2Sq: number;
}

/** Pixels `from` to `to` one at a time: luma into `grey`, sums into `s`. */
export function addPixels(rgb: Uint8Array, grey: Uint8Array, from: number, to: number, s: ColourSums): void {
  for (let i = from, j = 3 * from; i < to; i++, j += 3) {
    const r = rgb[j]!,
      g = rgb[j + 1]!,
      b = rgb[j + 2]!;
    const v = lumaOf(r, g, b);
    grey[i] = v;
    s.luma += v;
    if (v >= CLIP_HIGH) s.high++;
    else if (v <= CLIP_LOW) s.low++;
    const d = r - g,
      e = r + g - 2 * b;
    s.rg += d;
    s.rgSq += d * d;
    s.yb2 += e;
    s.yb2Sq += e * e;
  }
}
