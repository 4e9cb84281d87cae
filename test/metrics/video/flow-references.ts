import type { GreyImage } from '../../../metrics/video/optical-flow.js';

/**
 * The flow frames' area average by its definition, one pixel at a time: pixel (x, y) adds its
 * Rec. 601 luma into cell (floor(x w / width), floor(y h / height)), clamped, in float32, then each
 * cell is divided by its pixel count.
 */
export function areaLumaReference(rgb: Uint8Array, width: number, height: number, shortSide: number): GreyImage {
  const k = Math.max(1, Math.min(width, height) / shortSide);
  const w = Math.max(1, Math.round(width / k)),
    h = Math.max(1, Math.round(height / k));
  const sum = new Float32Array(w * h),
    count = new Float32Array(w * h);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = Math.min(h - 1, Math.floor((y * h) / height)) * w + Math.min(w - 1, Math.floor((x * w) / width));
      const j = (y * width + x) * 3;
      sum[t]! += 0.299 * rgb[j]! + 0.587 * rgb[j + 1]! + 0.114 * rgb[j + 2]!;
      count[t]! += 1;
    }
  }
  return { width: w, height: h, data: sum.map((s, i) => s / count[i]!) };
}

/** Area-averaged luma (float32 sums pixel by pixel), 5-tap binomial with clamped edges, mean 128 and sd 32. */
export function greyReference(rgb: Uint8Array, width: number, height: number, shortSide: number): GreyImage {
  const { width: w, height: h, data: mean } = areaLumaReference(rgb, width, height, shortSide);
  const taps = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16];
  const pass = (src: Float32Array, dx: number, dy: number) =>
    src.map((_, i) => {
      const x = i % w,
        y = Math.floor(i / w);
      let v = 0;
      for (let t = -2; t <= 2; t++)
        v += taps[t + 2]! * src[Math.min(h - 1, Math.max(0, y + t * dy)) * w + Math.min(w - 1, Math.max(0, x + t * dx))]!;
      return v;
    });
  const smooth = pass(pass(mean, 1, 0), 0, 1);
  let s = 0,
    q = 0;
  for (const v of smooth) {
    s += v;
    q += v * v;
  }
  const m = s / smooth.length;
  const sd = Math.sqrt(Math.max(0, q / smooth.length - m * m));
  return { width: w, height: h, data: smooth.map((v) => 128 + (v - m) * (sd > 1e-3 ? 32 / sd : 1)) };
}

/** The definition of the top-5% mean: every magnitude (Math.hypot, stored as float32), a full sort, the top `cut` summed in ascending order. */
export function topFivePercentReference(u: Float32Array, v: Float32Array): number {
  const mags = Float32Array.from(u, (x, i) => Math.hypot(x, v[i]!)).sort();
  const cut = Math.max(1, Math.floor(mags.length * 0.05));
  let total = 0;
  for (let i = mags.length - cut; i < mags.length; i++) total += mags[i]!;
  return total / cut;
}
