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
