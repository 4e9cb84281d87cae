/**
 * The resampling steps of Horn-Schunck (optical-flow.ts): the pyramid's 2x2 means, the flow
 * upsampled to the next level, and the second frame warped by the flow, all bilinear with
 * coordinates clamped to the image. Where a clamp provably does nothing (inside the image) it is
 * not computed, and what is the same along a row or column is computed once: the same double
 * operations in the same order on each value, so the same float32 results.
 */
import type { GreyImage } from './optical-flow.js';
import { ScratchPool } from './scratch-pool.js';

/** The 2x2 means of `img` (odd last rows and columns dropped), into `data`. */
export function halve(img: GreyImage, data: Float32Array): GreyImage {
  const w = img.width >> 1,
    h = img.height >> 1;
  const { width: W, data: d } = img;
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = 2 * y * W, o = y * w; x < w; x++, i += 2, o++) data[o] = (d[i]! + d[i + 1]! + d[i + W]! + d[i + W + 1]!) / 4;
  }
  return { width: w, height: h, data };
}

/** Bilinear sample of `img` at (x, y), the coordinates clamped to the image. */
function at(img: GreyImage, x: number, y: number): number {
  const cx = Math.min(img.width - 1, Math.max(0, x));
  const cy = Math.min(img.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx),
    y0 = Math.floor(cy);
  const x1 = Math.min(img.width - 1, x0 + 1),
    y1 = Math.min(img.height - 1, y0 + 1);
  return blend(img.data, y0 * img.width, y1 * img.width, x0, x1, cx - x0, cy - y0);
}

/** The bilinear blend of rows `r0`, `r1` (offsets) and columns `x0`, `x1` with weights fx, fy. */
function blend(d: Float32Array, r0: number, r1: number, x0: number, x1: number, fx: number, fy: number): number {
  return (d[r0 + x0]! * (1 - fx) + d[r0 + x1]! * fx) * (1 - fy) + (d[r1 + x0]! * (1 - fx) + d[r1 + x1]! * fx) * fy;
}

/**
 * `b` warped by the flow: warped(x, y) = b(x + u, y + v), bilinear, into `warped`; `outside` is 1
 * where (x + u, y + v) lies outside the image (the sample is then clamped to its edge).
 */
export function warp(b: GreyImage, u: Float32Array, v: Float32Array, warped: Float32Array, outside: Uint8Array): void {
  const { width: w, height: h, data: d } = b;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const tx = x + u[i]!,
        ty = y + v[i]!;
      if (tx >= 0 && ty >= 0 && tx < w - 1 && ty < h - 1) {
        // Inside, short of the last row and column: no clamp applies, and floor is truncation.
        const x0 = tx | 0,
          r0 = (ty | 0) * w;
        warped[i] = blend(d, r0, r0 + w, x0, x0 + 1, tx - x0, ty - (ty | 0));
        outside[i] = 0;
      } else {
        warped[i] = at(b, tx, ty);
        outside[i] = tx < 0 || ty < 0 || tx > w - 1 || ty > h - 1 ? 1 : 0;
      }
    }
  }
}

/** The rows of `upsample`'s first pass, kept between calls. */
const scratch = new ScratchPool();

/**
 * The flow (u, v) of level `from` resampled to level `to` at pixel centres, each vector divided
 * by the x scale `from.width / to.width`, into `outU`, `outV`. Bilinear in two passes: each row of
 * `from` blended across first (kept in doubles, as `at` keeps them), then each output value from
 * the two rows it lies between, so a row blended across serves every output row that reads it.
 */
export function upsample(u: Float32Array, v: Float32Array, from: GreyImage, to: GreyImage, outU: Float32Array, outV: Float32Array): void {
  const sx = from.width / to.width,
    sy = from.height / to.height;
  const columns = to.width,
    size = from.height * columns;
  const acrossU = scratch.float64('u', size),
    acrossV = scratch.float64('v', size);
  // Where each column samples: the same coordinates `at` computes for every pixel of the column.
  const x0s = new Int32Array(columns),
    x1s = new Int32Array(columns),
    fxs = new Float64Array(columns);
  for (let x = 0; x < columns; x++) {
    const cx = Math.min(from.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    x0s[x] = Math.floor(cx);
    x1s[x] = Math.min(from.width - 1, x0s[x]! + 1);
    fxs[x] = cx - x0s[x]!;
  }
  for (let row = 0, o = 0; row < from.height * from.width; row += from.width) {
    for (let x = 0; x < columns; x++, o++) {
      const x0 = row + x0s[x]!,
        x1 = row + x1s[x]!,
        fx = fxs[x]!;
      acrossU[o] = u[x0]! * (1 - fx) + u[x1]! * fx;
      acrossV[o] = v[x0]! * (1 - fx) + v[x1]! * fx;
    }
  }
  for (let y = 0, o = 0; y < to.height; y++) {
    const cy = Math.min(from.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(cy);
    const r0 = y0 * columns,
      r1 = Math.min(from.height - 1, y0 + 1) * columns,
      fy = cy - y0;
    for (let x = 0; x < columns; x++, o++) {
      outU[o] = (acrossU[r0 + x]! * (1 - fy) + acrossU[r1 + x]! * fy) / sx;
      outV[o] = (acrossV[r0 + x]! * (1 - fy) + acrossV[r1 + x]! * fy) / sx;
    }
  }
}
