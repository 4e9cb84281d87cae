import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { resizeBicubicRgb } from '../../../metrics/image/pil-resize.js';

/** The window's pixels cut out of a whole resized image: the truth a window must equal. */
function cut(full: Uint8Array, outW: number, win: { left: number; top: number; width: number; height: number }): Uint8Array {
  const out = new Uint8Array(win.width * win.height * 3);
  for (let y = 0; y < win.height; y++)
    out.set(full.subarray(((y + win.top) * outW + win.left) * 3, ((y + win.top) * outW + win.left + win.width) * 3), y * win.width * 3);
  return out;
}

describe('resizeBicubicRgb with a window', () => {
  const next = mulberry32(5);
  const image = (w: number, h: number) => Uint8Array.from({ length: w * h * 3 }, () => Math.floor(next() * 256));

  // Shrinking both ways (landscape and portrait, as CLIP's centre crop), enlarging, and one side unchanged.
  const cases: [number, number, number, number][] = [
    [640, 480, 298, 224],
    [300, 700, 224, 522],
    [16, 12, 224, 168],
    [224, 500, 224, 100],
    [500, 224, 100, 224],
  ];
  for (const [w, h, outW, outH] of cases) {
    it(`computes the same pixels as the whole ${w}x${h} -> ${outW}x${outH} resize, cropped`, () => {
      const src = image(w, h);
      const full = resizeBicubicRgb(src, w, h, outW, outH);
      expect(full.length).toBe(outW * outH * 3);
      const cw = Math.min(outW, 224),
        ch = Math.min(outH, 224);
      for (const win of [
        { left: Math.floor((outW - cw) / 2), top: Math.floor((outH - ch) / 2), width: cw, height: ch },
        { left: outW - 7, top: 0, width: 7, height: 3 },
        { left: 0, top: outH - 1, width: outW, height: 1 },
      ]) {
        const part = resizeBicubicRgb(src, w, h, outW, outH, win);
        expect(Buffer.from(part).equals(Buffer.from(cut(full, outW, win))), JSON.stringify(win)).toBe(true);
      }
    });
  }
});
