/**
 * Pillow's BICUBIC resampling (src/libImaging/Resample.c), ported so that Loupe's CLIP inputs match
 * those of Hugging Face's image processors pixel for pixel: separable passes, horizontal first,
 * the kernel widened by the scale when shrinking (antialiasing), 8-bit fixed-point coefficients
 * and an 8-bit intermediate image, exactly as Pillow computes them.
 */

const PRECISION_BITS = 32 - 8 - 2;
const BICUBIC_SUPPORT = 2;

function bicubic(x: number): number {
  const a = -0.5;
  if (x < 0) x = -x;
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

interface Coefficients {
  ksize: number;
  /** Per output pixel: first source pixel and number of taps. */
  bounds: Int32Array;
  /** Fixed-point weights, ksize per output pixel. */
  weights: Int32Array;
}

function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    // C's (int) truncates toward zero.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      k[x] = bicubic((x + xmin - center + 0.5) * ss);
      ww += k[x]!;
    }
    for (let x = 0; x < ksize; x++) {
      const w = x < xmax && ww !== 0 ? k[x]! / ww : 0;
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS)) : Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = xmax;
  }
  return { ksize, bounds, weights };
}

function clip8(v: number): number {
  const s = v >> PRECISION_BITS;
  return s < 0 ? 0 : s > 255 ? 255 : s;
}

/**
 * Resizes interleaved 8-bit RGB. Sums stay in 32-bit integers like Pillow's: with 22 fraction bits
 * and 8-bit samples the weights sum to 2^22, so no sum leaves int32 range except by the filter's
 * negative lobes, which Pillow wraps the same way (Math.imul keeps int32 semantics).
 */
export function resizeBicubicRgb(src: Uint8Array, width: number, height: number, outW: number, outH: number): Uint8Array {
  let data = src;
  let w = width;
  if (outW !== width) {
    const { ksize, bounds, weights } = coefficients(width, outW);
    const tmp = new Uint8Array(outW * height * 3);
    for (let y = 0; y < height; y++) {
      const row = y * width * 3;
      for (let xx = 0; xx < outW; xx++) {
        const xmin = bounds[xx * 2]!,
          n = bounds[xx * 2 + 1]!,
          kb = xx * ksize;
        let r = 1 << (PRECISION_BITS - 1),
          g = r,
          b = r;
        for (let x = 0; x < n; x++) {
          const wgt = weights[kb + x]!,
            p = row + (x + xmin) * 3;
          r = (r + Math.imul(data[p]!, wgt)) | 0;
          g = (g + Math.imul(data[p + 1]!, wgt)) | 0;
          b = (b + Math.imul(data[p + 2]!, wgt)) | 0;
        }
        const o = (y * outW + xx) * 3;
        tmp[o] = clip8(r);
        tmp[o + 1] = clip8(g);
        tmp[o + 2] = clip8(b);
      }
    }
    data = tmp;
    w = outW;
  }
  if (outH === height) return data;
  const { ksize, bounds, weights } = coefficients(height, outH);
  const out = new Uint8Array(w * outH * 3);
  for (let yy = 0; yy < outH; yy++) {
    const ymin = bounds[yy * 2]!,
      n = bounds[yy * 2 + 1]!,
      kb = yy * ksize;
    for (let xx = 0; xx < w; xx++) {
      let r = 1 << (PRECISION_BITS - 1),
        g = r,
        b = r;
      for (let y = 0; y < n; y++) {
        const wgt = weights[kb + y]!,
          p = ((y + ymin) * w + xx) * 3;
        r = (r + Math.imul(data[p]!, wgt)) | 0;
        g = (g + Math.imul(data[p + 1]!, wgt)) | 0;
        b = (b + Math.imul(data[p + 2]!, wgt)) | 0;
      }
      const o = (yy * w + xx) * 3;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return out;
}
