/**
 * Pure measures over decoded video frames (interleaved 8-bit RGB) and frame embeddings.
 * `video-analysis.ts` feeds them frames; the video metrics wrap their results.
 */
import { cosine } from '../image/clip-model.js';
import { absDiffSums, type AbsDiffKernel } from './abs-diff-simd.js';

/** A value differs between two frames when it moves by more than this many levels (0..255). */
export const CHANGE_LEVEL = 8;

/**
 * How two equal-sized 8-bit frames differ: the mean absolute difference in levels (0..255), as
 * numpy's mean(cv2.absdiff(a, b)), and the fraction of values that moved by more than CHANGE_LEVEL.
 */
export function frameDiff(a: Uint8Array, b: Uint8Array): { mae: number; changed: number } {
  return asDiff(absDiffSums(a, b, CHANGE_LEVEL), a.length);
}

/** frameDiff of two frames that lie in the kernel's memory (the frame memory), measured where they are. */
export function frameDiffInPlace(kernel: AbsDiffKernel, a: Uint8Array, b: Uint8Array): { mae: number; changed: number } {
  if (a.length !== b.length) throw new Error(`frames differ in size: ${a.length} and ${b.length} values`);
  return asDiff(kernel.sums(a.byteOffset, b.byteOffset, a.length, CHANGE_LEVEL), a.length);
}

function asDiff({ sum, over }: { sum: number; over: number }, n: number): { mae: number; changed: number } {
  return n === 0 ? { mae: 0, changed: 0 } : { mae: sum / n, changed: over / n };
}

/**
 * VBench temporal flickering: (255 - mean over consecutive pairs of their mean absolute difference) / 255.
 * 1 for identical frames; null with fewer than two frames.
 */
export function flickerScore(pairDiffs: readonly number[]): number | null {
  if (pairDiffs.length === 0) return null;
  return (255 - mean(pairDiffs)!) / 255;
}

/**
 * A pair of consecutive frames is a duplicate (a frozen or repeated frame) when fewer than this
 * fraction of values changed: a re-encoded copy differs by a few levels at most, while even a small
 * object moving on a still background changes a few tenths of a percent (a mean-difference
 * threshold cannot tell those two apart).
 */
export const DUPLICATE_CHANGED = 0.001;

/** ffmpeg blackdetect's defaults: a frame is black when at least 98% of its pixels have luma <= 0.10 * 255. */
export const BLACK_PIXEL_LUMA = 25.5;
export const BLACK_PICTURE_RATIO = 0.98;

/** Whether a frame is black by ffmpeg blackdetect's rule (Rec. 601 luma, limits above). */
export function isBlackFrame(rgb: Uint8Array): boolean {
  const pixels = rgb.length / 3;
  // Stop at the first bright pixel too many: most frames are decided within a few rows.
  const brightAllowed = pixels * (1 - BLACK_PICTURE_RATIO);
  let bright = 0;
  for (let j = 0; j < rgb.length; j += 3) {
    if (0.299 * rgb[j]! + 0.587 * rgb[j + 1]! + 0.114 * rgb[j + 2]! > BLACK_PIXEL_LUMA && ++bright > brightAllowed) return false;
  }
  return pixels > 0;
}

/**
 * VBench background consistency over frame embeddings f_1..f_T: for t = 2..T,
 * s_t = (max(0, cos(f_1, f_t)) + max(0, cos(f_{t-1}, f_t))) / 2, and the score is the mean of s_t.
 * Null with fewer than two frames.
 */
export function temporalConsistency(embeddings: readonly Float32Array[]): {
  value: number | null;
  toFirst: number[];
  toPrevious: number[];
} {
  const toFirst: number[] = [];
  const toPrevious: number[] = [];
  for (let t = 1; t < embeddings.length; t++) {
    toFirst.push(Math.max(0, cosine(embeddings[0]!, embeddings[t]!)));
    toPrevious.push(Math.max(0, cosine(embeddings[t - 1]!, embeddings[t]!)));
  }
  const value = toFirst.length === 0 ? null : mean(toFirst.map((f, k) => (f + toPrevious[k]!) / 2));
  return { value, toFirst, toPrevious };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

/** The mean of per-frame values and the worst frame (lowest when higher is better), with its time. */
export function meanAndWorst(
  values: readonly number[],
  times: readonly number[],
  direction: 'higher-is-better' | 'lower-is-better',
): { mean: number | null; worst: number | null; worstAtSec: number | null } {
  if (values.length === 0) return { mean: null, worst: null, worstAtSec: null };
  let k = 0;
  values.forEach((v, i) => {
    if (direction === 'higher-is-better' ? v < values[k]! : v > values[k]!) k = i;
  });
  return { mean: mean(values), worst: values[k]!, worstAtSec: times[k] ?? null };
}
