/**
 * The Horn-Schunck flow of motion version 2, as committed in e5b852b (metrics/video/optical-flow.ts):
 * kept here unchanged as the reference that the faster implementation must match bit for bit.
 */
import { jacobi } from '../../../metrics/video/flow-jacobi-simd.js';
import { FLOW_PARAMS, type GreyImage } from '../../../metrics/video/optical-flow.js';

function halve(img: GreyImage): GreyImage {
  const w = img.width >> 1,
    h = img.height >> 1;
  const data = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * img.width + 2 * x;
      data[y * w + x] = (img.data[i]! + img.data[i + 1]! + img.data[i + img.width]! + img.data[i + img.width + 1]!) / 4;
    }
  }
  return { width: w, height: h, data };
}

function at(img: GreyImage, x: number, y: number): number {
  const cx = Math.min(img.width - 1, Math.max(0, x));
  const cy = Math.min(img.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx),
    y0 = Math.floor(cy);
  const x1 = Math.min(img.width - 1, x0 + 1),
    y1 = Math.min(img.height - 1, y0 + 1);
  const fx = cx - x0,
    fy = cy - y0;
  const d = img.data,
    w = img.width;
  return (d[y0 * w + x0]! * (1 - fx) + d[y0 * w + x1]! * fx) * (1 - fy) + (d[y1 * w + x0]! * (1 - fx) + d[y1 * w + x1]! * fx) * fy;
}

/** Resamples a flow field to a new size, scaling the vectors with it. */
function upsample(u: Float32Array, from: GreyImage, to: GreyImage): Float32Array {
  const out = new Float32Array(to.width * to.height);
  const sx = from.width / to.width,
    sy = from.height / to.height;
  const field = { width: from.width, height: from.height, data: u };
  for (let y = 0; y < to.height; y++) {
    for (let x = 0; x < to.width; x++) out[y * to.width + x] = at(field, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5) / sx;
  }
  return out;
}

/** Flow from `a` to `b` (b(x + u, y + v) ≈ a(x, y)), in pixels of `a`. */
export function referenceHornSchunck(a: GreyImage, b: GreyImage, params = FLOW_PARAMS): { u: Float32Array; v: Float32Array } {
  const pyramid: [GreyImage, GreyImage][] = [[a, b]];
  while (pyramid.length < params.maxLevels) {
    const [pa, pb] = pyramid[pyramid.length - 1]!;
    if (Math.min(pa.width, pa.height) / 2 < params.minSide) break;
    pyramid.push([halve(pa), halve(pb)]);
  }
  let u: Float32Array = new Float32Array(0),
    v: Float32Array = new Float32Array(0);
  let prev: GreyImage | undefined;
  for (let level = pyramid.length - 1; level >= 0; level--) {
    const [la, lb] = pyramid[level]!;
    u = prev ? upsample(u, prev, la) : new Float32Array(la.width * la.height);
    v = prev ? upsample(v, prev, la) : new Float32Array(la.width * la.height);
    refine(la, lb, u, v, params);
    prev = la;
  }
  return { u, v };
}

function refine(a: GreyImage, b: GreyImage, u: Float32Array, v: Float32Array, params: { alpha: number; iterations: number }): void {
  const { width: w, height: h } = a;
  const n = w * h;
  const ix = new Float32Array(n),
    iy = new Float32Array(n),
    it = new Float32Array(n),
    den = new Float32Array(n);
  const warped = new Float32Array(n);
  const outside = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const tx = x + u[i]!,
        ty = y + v[i]!;
      warped[i] = at(b, tx, ty);
      outside[i] = tx < 0 || ty < 0 || tx > w - 1 || ty > h - 1 ? 1 : 0;
    }
  }
  const alpha2 = params.alpha * params.alpha;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      // Where the warp leaves the frame there is no data (content entering or leaving): the flow there comes from the smoothness term alone.
      if (outside[i]) {
        den[i] = alpha2;
        continue;
      }
      // Central differences of the mean of both frames (Horn and Schunck average the two as well).
      // Neighbours on the grid, clamped at the border: what bilinear sampling at whole pixels gives, without its cost.
      const l = i - (x > 0 ? 1 : 0),
        r = i + (x < w - 1 ? 1 : 0),
        t = i - (y > 0 ? w : 0),
        bo = i + (y < h - 1 ? w : 0);
      ix[i] = (a.data[r]! - a.data[l]! + warped[r]! - warped[l]!) / 4;
      iy[i] = (a.data[bo]! - a.data[t]! + warped[bo]! - warped[t]!) / 4;
      it[i] = warped[i]! - a.data[i]!;
      den[i] = alpha2 + ix[i]! * ix[i]! + iy[i]! * iy[i]!;
    }
  }
  // Smoothness applies to the whole flow (the warp's u0 plus the increment), the data term to the increment.
  jacobi({ width: w, height: h, ix, iy, it, den }, u, v, params.iterations);
}
