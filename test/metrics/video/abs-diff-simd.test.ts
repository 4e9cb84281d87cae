import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { absDiffSums } from '../../../metrics/video/abs-diff-simd.js';

/** The definition, one value at a time. */
function truth(a: Uint8Array, b: Uint8Array, level: number): { sum: number; over: number } {
  let sum = 0,
    over = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > level) over++;
  }
  return { sum, over };
}

describe('absolute frame difference with WebAssembly SIMD', () => {
  it('gives the same sums as the definition, for any length (chunks of 2^20 and a tail of under 16) and level', () => {
    const rand = mulberry32(7);
    // 0 and 255 against each other, the largest differences, then random values with small and large steps.
    for (const n of [1, 15, 16, 17, 1000, (1 << 20) + 5, 1280 * 720 * 3]) {
      const a = new Uint8Array(n),
        b = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        a[i] = i < 40 ? 255 * (i & 1) : Math.floor(rand() * 256);
        b[i] =
          i < 40
            ? 255 * ((i + 1) & 1)
            : i % 3 === 0
              ? Math.floor(rand() * 256)
              : Math.max(0, Math.min(255, a[i]! + Math.floor(rand() * 21) - 10));
      }
      for (const level of [0, 8, 254]) expect({ n, level, ...absDiffSums(a, b, level) }).toEqual({ n, level, ...truth(a, b, level) });
    }
  });

  it('is zero for identical frames and symmetric', () => {
    const a = Uint8Array.from({ length: 4099 }, (_, i) => (i * 37) & 255);
    const b = Uint8Array.from({ length: 4099 }, (_, i) => (i * 91) & 255);
    expect(absDiffSums(a, a, 8)).toEqual({ sum: 0, over: 0 });
    expect(absDiffSums(a, b, 8)).toEqual(absDiffSums(b, a, 8));
  });
});
