import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { jacobi, type JacobiTerms } from '../../../metrics/video/flow-jacobi-simd.js';

/**
 * Horn and Schunck's Jacobi update one pixel at a time, neighbours clamped at the border, in
 * float32: every operation rounded to float32 (an operation on two float32 values done in double
 * and rounded once gives the float32 operation's result).
 */
function reference(t: JacobiTerms, u: Float32Array, v: Float32Array, iterations: number): void {
  const f = Math.fround;
  const { width: w, height: h } = t;
  const u0 = u.slice(),
    v0 = v.slice();
  const clamp = (f: Float32Array, x: number, y: number) => f[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))]!;
  const mean = (g: Float32Array, x: number, y: number) =>
    f(
      f(f(f(f(clamp(g, x - 1, y) + clamp(g, x + 1, y)) + clamp(g, x, y - 1)) + clamp(g, x, y + 1)) / 6) +
        f(f(f(f(clamp(g, x - 1, y - 1) + clamp(g, x + 1, y - 1)) + clamp(g, x - 1, y + 1)) + clamp(g, x + 1, y + 1)) / 12),
    );
  for (let k = 0; k < iterations; k++) {
    const nu = new Float32Array(w * h),
      nv = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const ub = mean(u, x, y),
          vb = mean(v, x, y);
        const r = f(f(f(f(t.ix[i]! * f(ub - u0[i]!)) + f(t.iy[i]! * f(vb - v0[i]!))) + t.it[i]!) / t.den[i]!);
        nu[i] = ub - f(t.ix[i]! * r);
        nv[i] = vb - f(t.iy[i]! * r);
      }
    }
    u.set(nu);
    v.set(nv);
  }
}

describe('Horn-Schunck Jacobi iterations with WebAssembly SIMD', () => {
  it('give the very same flow as the scalar float32 update, for odd and even sizes down to one pixel', () => {
    const rand = mulberry32(11);
    for (const [w, h] of [
      [1, 1],
      [1, 7],
      [6, 1],
      [5, 4],
      [33, 17],
      [228, 128],
    ] as const) {
      const field = (scale: number, offset = 0) => Float32Array.from({ length: w * h }, () => offset + scale * (rand() - 0.5));
      const ix = field(40),
        iy = field(40);
      const terms = { width: w, height: h, ix, iy, it: field(30), den: ix.map((x, i) => 900 + x * x + iy[i]! * iy[i]!) };
      const u = field(6),
        v = field(6);
      const [ru, rv] = [u.slice(), v.slice()];
      jacobi(terms, u, v, 40);
      reference(terms, ru, rv, 40);
      expect({ w, h, u: Array.from(u), v: Array.from(v) }).toEqual({ w, h, u: Array.from(ru), v: Array.from(rv) });
    }
  });
});
