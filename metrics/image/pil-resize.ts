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

/** A rectangle of the resized image, in its pixels: the only part computed. */
export interface ResizeWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Resizes interleaved 8-bit RGB and returns the pixels of `win` (the whole output by default).
 * Every output pixel depends only on its own taps, so a window (CLIP's centre crop) is computed
 * alone, and the horizontal pass runs only on the source rows the window's taps reach: the same
 * values as resizing everything and cropping, with less work. Sums stay in 32-bit integers like
 * Pillow's: with 22 fraction bits and 8-bit samples the weights sum to 2^22, so no sum leaves int32
 * range except by the filter's negative lobes, which Pillow wraps the same way (Math.imul keeps
 * int32 semantics).
 */
export function resizeBicubicRgb(
  src: Uint8Array,
  width: number,
  height: number,
  outW: number,
  outH: number,
  win: ResizeWindow = { left: 0, top: 0, width: outW, height: outH },
): Uint8Array {
  const vertical = outH === height ? undefined : coefficients(height, outH);
  // Source rows the window needs: its own rows, or every row its vertical taps reach.
  let rowLo = win.top,
    rowHi = win.top + win.height;
  if (vertical) {
    rowLo = vertical.bounds[win.top * 2]!;
    rowHi = 0;
    for (let yy = win.top; yy < win.top + win.height; yy++)
      rowHi = Math.max(rowHi, vertical.bounds[yy * 2]! + vertical.bounds[yy * 2 + 1]!);
  }
  const rows = rowHi - rowLo;
  const tmp = horizontalPass(src, width, rowLo, rows, outW === width ? undefined : coefficients(width, outW), win);
  if (!vertical) return tmp;
  const { ksize, bounds, weights } = vertical;
  const w = win.width;
  const out = new Uint8Array(w * win.height * 3);
  for (let yy = win.top; yy < win.top + win.height; yy++) {
    const ymin = bounds[yy * 2]! - rowLo,
      n = bounds[yy * 2 + 1]!,
      kb = yy * ksize;
    for (let xx = 0; xx < w; xx++) {
      let r = 1 << (PRECISION_BITS - 1),
        g = r,
        b = r;
      for (let y = 0; y < n; y++) {
        const wgt = weights[kb + y]!,
          p = ((y + ymin) * w + xx) * 3;
        r = (r + Math.imul(tmp[p]!, wgt)) | 0;
        g = (g + Math.imul(tmp[p + 1]!, wgt)) | 0;
        b = (b + Math.imul(tmp[p + 2]!, wgt)) | 0;
      }
      const o = ((yy - win.top) * w + xx) * 3;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return out;
}

/** Rows rowLo..rowLo+rows of the source, resized across (or only cut, without coefficients) to the window's columns. */
function horizontalPass(
  src: Uint8Array,
  width: number,
  rowLo: number,
  rows: number,
  c: Coefficients | undefined,
  win: ResizeWindow,
): Uint8Array {
  const w = win.width;
  const tmp = new Uint8Array(w * rows * 3);
  for (let y = 0; y < rows; y++) {
    const row = (y + rowLo) * width * 3;
    if (!c) {
      tmp.set(src.subarray(row + win.left * 3, row + (win.left + w) * 3), y * w * 3);
      continue;
    }
    for (let xx = win.left; xx < win.left + w; xx++) {
      const xmin = c.bounds[xx * 2]!,
        n = c.bounds[xx * 2 + 1]!,
        kb = xx * c.ksize;
      let r = 1 << (PRECISION_BITS - 1),
        g = r,
        b = r;
      for (let x = 0; x < n; x++) {
        const wgt = c.weights[kb + x]!,
          p = row + (x + xmin) * 3;
        r = (r + Math.imul(src[p]!, wgt)) | 0;
        g = (g + Math.imul(src[p + 1]!, wgt)) | 0;
        b = (b + Math.imul(src[p + 2]!, wgt)) | 0;
      }
      const o = (y * w + xx - win.left) * 3;
      tmp[o] = clip8(r);
      tmp[o + 1] = clip8(g);
      tmp[o + 2] = clip8(b);
    }
  }
  return tmp;
}
