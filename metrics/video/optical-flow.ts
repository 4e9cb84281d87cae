/**
 * Dense optical flow by Horn and Schunck (1981, "Determining optical flow", Artificial
 * Intelligence 17), coarse to fine: a pyramid of 2x2 means, the flow of each level upsampled to
 * the next, the second frame warped by it (bilinear) and the remainder solved by Jacobi
 * iterations of the Horn-Schunck update on intensities 0..255.
 */
import { jacobi } from './flow-jacobi-simd.js';
import { halve, upsample, warp } from './flow-resample.js';
import { ScratchPool } from './scratch-pool.js';

export interface GreyImage {
  width: number;
  height: number;
  /** Intensities 0..255, row-major. */
  data: Float32Array;
}

/** alpha is the smoothness weight for frames normalised to a standard deviation of 32 grey levels. */
export const FLOW_PARAMS = { alpha: 30, iterations: 40, minSide: 12, maxLevels: 5 } as const;

/** Working arrays (smoothing passes, pyramid levels, coarse flows, Horn-Schunck's terms), reused from frame to frame. */
const scratch = new ScratchPool();

/** Rec. 601 luma of interleaved RGB, area-averaged down so that the shortest side is at most `shortSide`, smoothed and normalised (below). */
export function greyDownscaled(rgb: Uint8Array, width: number, height: number, shortSide: number): GreyImage {
  return normalised(smoothed(areaLuma(rgb, width, height, shortSide)));
}

/**
 * The Rec. 601 luma of each pixel, added into its cell in raster order in float32, divided by the
 * cell's pixel count: the shortest side at most `shortSide`.
 */
export function areaLuma(rgb: Uint8Array, width: number, height: number, shortSide: number): GreyImage {
  const k = Math.max(1, Math.min(width, height) / shortSide);
  const w = Math.max(1, Math.round(width / k));
  const h = Math.max(1, Math.round(height / k));
  // Pixel x falls in cell min(w - 1, floor(x w / width)): contiguous runs, so each cell sums its run
  // of a row in a local float32 (Math.fround), in the same order as adding pixel by pixel into a Float32Array.
  const columnEnds = cellEnds(width, w);
  const rowEnds = cellEnds(height, h);
  // The last row of cells takes the rows of a band that has run out: they are never read.
  const sum = new Float32Array((h + 1) * w);
  const bands = rowBands(rowEnds);
  const longest = Math.max(...bands.map((b) => b.end - b.start));
  const rowBytes = width * 3;
  const cellOf = new Int32Array(height);
  for (let y = 0, r = 0; y < height; y++) {
    while (y >= rowEnds[r]!) r++;
    cellOf[y] = r;
  }
  // Row i of each band at once: four independent chains of float32 sums, which the processor
  // overlaps, where one row at a time waits on each rounding in turn. A band that has run out reads
  // row 0 into the spare row of cells.
  for (let i = 0; i < longest; i++) {
    const rows = bands.map((b) => (b.start + i < b.end ? b.start + i : -1));
    const from = rows.map((y) => (y < 0 ? 0 : y * rowBytes));
    sumRows(
      rgb,
      sum,
      columnEnds,
      w,
      from,
      rows.map((y) => (y < 0 ? h : cellOf[y]!) * w),
    );
  }
  for (let r = 0, t = 0; r < h; r++) {
    const rows = rowEnds[r]! - (r > 0 ? rowEnds[r - 1]! : 0);
    for (let c = 0; c < w; c++, t++) sum[t] = sum[t]! / (rows * (columnEnds[c]! - (c > 0 ? columnEnds[c - 1]! : 0)));
  }
  return { width: w, height: h, data: sum.subarray(0, w * h) };
}

/** Adds one row of pixels from each of four places (`from`, bytes) into the cells of four rows of cells (`into`, indices). */
function sumRows(rgb: Uint8Array, sum: Float32Array, columnEnds: Int32Array, w: number, from: number[], into: number[]): void {
  let j0 = from[0]!,
    j1 = from[1]!,
    j2 = from[2]!,
    j3 = from[3]!;
  let t0 = into[0]!,
    t1 = into[1]!,
    t2 = into[2]!,
    t3 = into[3]!;
  for (let c = 0, x = 0; c < w; c++, t0++, t1++, t2++, t3++) {
    let s0 = sum[t0]!,
      s1 = sum[t1]!,
      s2 = sum[t2]!,
      s3 = sum[t3]!;
    for (const end = columnEnds[c]!; x < end; x++, j0 += 3, j1 += 3, j2 += 3, j3 += 3) {
      s0 = Math.fround(s0 + (0.299 * rgb[j0]! + 0.587 * rgb[j0 + 1]! + 0.114 * rgb[j0 + 2]!));
      s1 = Math.fround(s1 + (0.299 * rgb[j1]! + 0.587 * rgb[j1 + 1]! + 0.114 * rgb[j1 + 2]!));
      s2 = Math.fround(s2 + (0.299 * rgb[j2]! + 0.587 * rgb[j2 + 1]! + 0.114 * rgb[j2 + 2]!));
      s3 = Math.fround(s3 + (0.299 * rgb[j3]! + 0.587 * rgb[j3 + 1]! + 0.114 * rgb[j3 + 2]!));
    }
    sum[t0] = s0;
    sum[t1] = s1;
    sum[t2] = s2;
    sum[t3] = s3;
  }
}

/** The rows of pixels of four bands of whole rows of cells (a band is empty when there are fewer than four rows of cells). */
function rowBands(rowEnds: Int32Array): { start: number; end: number }[] {
  const h = rowEnds.length;
  const rowStart = (cell: number) => (cell > 0 ? rowEnds[cell - 1]! : 0);
  return [0, 1, 2, 3].map((b) => ({ start: rowStart(Math.floor((b * h) / 4)), end: rowStart(Math.floor(((b + 1) * h) / 4)) }));
}

/** Where each of `cells` runs of `size` pixels ends (exclusive), pixel p in cell min(cells - 1, floor(p cells / size)). */
function cellEnds(size: number, cells: number): Int32Array {
  const ends = new Int32Array(cells);
  for (let p = 0; p < size; p++) ends[Math.min(cells - 1, Math.floor((p * cells) / size))] = p + 1;
  return ends;
}

/**
 * Mean 128 and standard deviation 32: a global change of brightness or contrast (a flicker) is not
 * read as motion. A flat frame stays flat.
 */
function normalised(img: GreyImage): GreyImage {
  const { data } = img;
  const n = data.length;
  let s = 0,
    q = 0;
  for (let i = 0; i < n; i++) {
    s += data[i]!;
    q += data[i]! * data[i]!;
  }
  const mean = s / n;
  const std = Math.sqrt(Math.max(0, q / n - mean * mean));
  const k = std > 1e-3 ? NORMAL_STD / std : 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 128 + (data[i]! - mean) * k;
  return { ...img, data: out };
}

const NORMAL_STD = 32;
/** Binomial approximation of a Gaussian (sigma 1), taps 1 4 6 4 1 / 16: smooths pixel noise, which Horn-Schunck would read as motion. */
const [K0, K1, K2] = [1 / 16, 4 / 16, 6 / 16];

function smoothed(img: GreyImage): GreyImage {
  const { width: w, height: h, data } = img;
  const across = scratch.float32('across', w * h),
    down = scratch.float32('down', w * h);
  // Neighbours past either end repeat the end.
  const clamp = (i: number, n: number) => Math.min(n - 1, Math.max(0, i));
  const ends = [0, 1, w - 2, w - 1].filter((x) => x >= 0);
  for (let p = 0; p < w * h; p += w) {
    // Inside a row one run; the two values at either end with their neighbours clamped to the row.
    taps(data, across, p + 2, p, p + 1, p + 3, p + 4, w - 4);
    for (const x of ends) taps(data, across, p + x, p + clamp(x - 2, w), p + clamp(x - 1, w), p + clamp(x + 1, w), p + clamp(x + 2, w), 1);
  }
  // Down, a row at a time: the rows two above and below, clamped to the image.
  for (let y = 0; y < h; y++)
    taps(across, down, y * w, clamp(y - 2, h) * w, clamp(y - 1, h) * w, clamp(y + 1, h) * w, clamp(y + 2, h) * w, w);
  return { width: w, height: h, data: down };
}

/** `count` values from `at` on, each with the binomial taps over the values at the same distance from `l2`, `l1`, `at`, `r1`, `r2`. */
function taps(src: Float32Array, out: Float32Array, at: number, l2: number, l1: number, r1: number, r2: number, count: number): void {
  for (let k = 0; k < count; k++) {
    // Summed from the left (or upper) neighbour on, as the taps always were: the same float32 result.
    out[at + k] = 0 + K0 * src[l2 + k]! + K1 * src[l1 + k]! + K2 * src[at + k]! + K1 * src[r1 + k]! + K0 * src[r2 + k]!;
  }
}

/** Flow from `a` to `b` (b(x + u, y + v) ≈ a(x, y)), in pixels of `a`. */
export function hornSchunck(a: GreyImage, b: GreyImage, params = FLOW_PARAMS): { u: Float32Array; v: Float32Array } {
  const pyramid: [GreyImage, GreyImage][] = [[a, b]];
  while (pyramid.length < params.maxLevels) {
    const [pa, pb] = pyramid[pyramid.length - 1]!;
    if (Math.min(pa.width, pa.height) / 2 < params.minSide) break;
    const level = pyramid.length,
      n = (pa.width >> 1) * (pa.height >> 1);
    pyramid.push([halve(pa, scratch.float32(`a${level}`, n)), halve(pb, scratch.float32(`b${level}`, n))]);
  }
  let u: Float32Array = new Float32Array(0),
    v: Float32Array = new Float32Array(0);
  let prev: GreyImage | undefined;
  for (let level = pyramid.length - 1; level >= 0; level--) {
    const [la, lb] = pyramid[level]!;
    const n = la.width * la.height;
    // The finest level's flow is the caller's; the coarser ones are working arrays.
    const [nu, nv] =
      level === 0 ? [new Float32Array(n), new Float32Array(n)] : [scratch.float32(`u${level}`, n), scratch.float32(`v${level}`, n)];
    if (prev) upsample(u, v, prev, la, nu, nv);
    else if (level > 0) {
      nu.fill(0);
      nv.fill(0);
    }
    [u, v] = [nu, nv];
    refine(la, lb, u, v, params);
    prev = la;
  }
  return { u, v };
}

function refine(a: GreyImage, b: GreyImage, u: Float32Array, v: Float32Array, params: { alpha: number; iterations: number }): void {
  const { width: w, height: h, data: ad } = a;
  const n = w * h;
  const warped = scratch.float32('warped', n),
    outside = scratch.uint8('outside', n);
  warp(b, u, v, warped, outside);
  const f = (name: string) => scratch.float32(name, n);
  const terms = { width: w, height: h, ix: f('ix'), iy: f('iy'), it: f('it'), den: f('den') };
  const { ix, iy, it, den } = terms;
  const alpha2 = params.alpha * params.alpha;
  for (let y = 0, i = 0; y < h; y++) {
    const up = y > 0 ? w : 0,
      down = y < h - 1 ? w : 0;
    for (let x = 0; x < w; x++, i++) {
      // Where the warp leaves the frame there is no data (content entering or leaving): the flow there comes from the smoothness term alone.
      if (outside[i]) {
        ix[i] = iy[i] = it[i] = 0;
        den[i] = alpha2;
        continue;
      }
      // Central differences of the mean of both frames (Horn and Schunck average the two as well).
      // Neighbours on the grid, clamped at the border: what bilinear sampling at whole pixels gives, without its cost.
      const l = x > 0 ? i - 1 : i,
        r = x < w - 1 ? i + 1 : i,
        t = i - up,
        bo = i + down;
      // As stored (float32): the denominator squares the stored values.
      const gx = Math.fround((ad[r]! - ad[l]! + warped[r]! - warped[l]!) / 4),
        gy = Math.fround((ad[bo]! - ad[t]! + warped[bo]! - warped[t]!) / 4);
      ix[i] = gx;
      iy[i] = gy;
      it[i] = warped[i]! - ad[i]!;
      den[i] = alpha2 + gx * gx + gy * gy;
    }
  }
  // Smoothness applies to the whole flow (the warp's u0 plus the increment), the data term to the increment.
  jacobi(terms, u, v, params.iterations);
}
