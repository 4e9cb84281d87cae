/**
 * The Jacobi iterations of Horn-Schunck (optical-flow.ts), four pixels at a time with WebAssembly
 * SIMD in single precision, the fields' own: the same float32 operations in the same order as the
 * scalar loop, so the same flow, bit for bit (flow-jacobi-simd.test.ts). Float32 lanes do twice
 * the pixels per instruction of the float64 lanes of motion version 1, which is what this
 * memory-bound loop needs: about 1.7 times faster. The fields live in the module's memory with a border of
 * one pixel that repeats the edge (refreshed after every iteration): reading it is what clamping
 * the neighbours at the border gives, and the kernel runs over the rows without a branch (the
 * border cells it computes on the way are overwritten by the refresh).
 */
import { op } from './simd-ops.js';
import { get, I32, I32_ADD, I32_SUB, i32Const, kernel, set, V128, type Kernel } from './wasm-module.js';

const [SU, SV, DU, DV, U0, V0, IX, IY, IT, DEN, P, QUADS, STRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [Q, STRIDE2, UB, VB, IXV, IYV, R, SIX, TWELVE] = [13, 14, 15, 16, 17, 18, 19, 20, 21];
const f32 = op.f32x4;
/** Four float32 at `address + offset` (v128.load). */
const load = (address: number[], offset = 0) => [...address, ...op.v128.load(offset)];
const at = (array: number) => [...get(array), ...get(P), I32_ADD];
const row = (k: 0 | 1 | 2) => (k === 0 ? get(Q) : [...get(Q), ...get(k === 1 ? STRIDE : STRIDE2), I32_ADD]);

/** Horn and Schunck's neighbourhood mean: (L + R + U + D) / 6 + (UL + UR + DL + DR) / 12. */
const neighbourMean = (array: number) => [
  // Q: the up-left neighbour of the first pixel; rows Q, Q + stride, Q + 2 stride; columns +0, +4, +8 bytes.
  ...[...get(array), ...get(P), I32_ADD, ...get(STRIDE), I32_SUB, ...i32Const(4), I32_SUB, ...set(Q)],
  ...[...load(row(1), 0), ...load(row(1), 8), ...f32.add, ...load(row(0), 4), ...f32.add, ...load(row(2), 4), ...f32.add],
  ...[...get(SIX), ...f32.div],
  ...[...load(row(0), 0), ...load(row(0), 8), ...f32.add, ...load(row(2), 0), ...f32.add, ...load(row(2), 8), ...f32.add],
  ...[...get(TWELVE), ...f32.div, ...f32.add],
];
/** Stores four float32 at `address` (v128.store). */
const store = (address: number[], value: number[]) => [...address, ...value, ...op.v128.store(0, 0)];
const f32Splat = (v: number) => [0x43, ...new Uint8Array(Float32Array.of(v).buffer), ...f32.splat];

const BODY = [
  ...[...f32Splat(6), ...set(SIX), ...f32Splat(12), ...set(TWELVE), ...get(STRIDE), ...get(STRIDE), I32_ADD, ...set(STRIDE2)],
  ...[0x02, 0x40, 0x03, 0x40, ...get(QUADS), 0x45, 0x0d, 1], // block, loop; quads == 0: break
  ...[...neighbourMean(SU), ...set(UB), ...neighbourMean(SV), ...set(VB)],
  ...[...load(at(IX)), ...set(IXV), ...load(at(IY)), ...set(IYV)],
  // r = (ix (ub - u0) + iy (vb - v0) + it) / den
  ...[...get(IXV), ...get(UB), ...load(at(U0)), ...f32.sub, ...f32.mul, ...get(IYV), ...get(VB), ...load(at(V0)), ...f32.sub, ...f32.mul],
  ...[...f32.add, ...load(at(IT)), ...f32.add, ...load(at(DEN)), ...f32.div, ...set(R)],
  ...store(at(DU), [...get(UB), ...get(IXV), ...get(R), ...f32.mul, ...f32.sub]),
  ...store(at(DV), [...get(VB), ...get(IYV), ...get(R), ...f32.mul, ...f32.sub]),
  ...[...get(P), ...i32Const(16), I32_ADD, ...set(P), ...get(QUADS), ...i32Const(1), I32_SUB, ...set(QUADS)],
  ...[0x0c, 0, 0x0b, 0x0b],
];

type Step = (...pointers: number[]) => void;
let step: (Kernel & { run: Step }) | undefined;

/** The flow fields and the per-pixel terms of one pyramid level, row-major w x h. */
export interface JacobiTerms {
  width: number;
  height: number;
  ix: Float32Array;
  iy: Float32Array;
  it: Float32Array;
  den: Float32Array;
}

/**
 * `iterations` Jacobi steps of the Horn-Schunck update on u and v (in place), with the smoothness
 * term on the whole flow and the data term on the increment from the warp's u0, v0.
 */
export function jacobi(t: JacobiTerms, u: Float32Array, v: Float32Array, iterations: number): void {
  const { width: w, height: h } = t;
  const W = w + 2;
  // Each field padded by one pixel, and 4 floats of slack: the last quad may run three values past
  // the last row into the bottom border, whose neighbours below reach three floats past the field.
  const size = W * (h + 2) + 4;
  step ??= kernel<Step>(
    'jacobi',
    13,
    [
      [2, I32],
      [7, V128],
    ],
    BODY,
  );
  step.reserve(10 * size * 4);
  const mem = new Float32Array(step.memory.buffer, 0, 10 * size);
  // Fields su, sv, du, dv, u0, v0, then the terms: du and dv are overwritten by the first step,
  // u0 and v0 start as su and sv (copied at once: the two lie next to each other).
  const interior = (field: number) => field * size + W + 1;
  [u, v].forEach((f, k) => intoPadded(f, mem, interior(k), w, h));
  [t.ix, t.iy, t.it, t.den].forEach((f, k) => intoPadded(f, mem, interior(6 + k), w, h));
  refreshBorder(mem, 0, w, h);
  refreshBorder(mem, size, w, h);
  mem.copyWithin(4 * size, 0, 2 * size);
  let [su, sv, du, dv] = [0, 1, 2, 3];
  const quads = Math.ceil(((h - 1) * W + w) / 4);
  for (let k = 0; k < iterations; k++) {
    const ptr = (f: number) => f * size * 4;
    step.run(ptr(su), ptr(sv), ptr(du), ptr(dv), ptr(4), ptr(5), ptr(6), ptr(7), ptr(8), ptr(9), 4 * (W + 1), quads, 4 * W);
    [su, du] = [du, su];
    [sv, dv] = [dv, sv];
    refreshBorder(mem, su * size, w, h);
    refreshBorder(mem, sv * size, w, h);
  }
  fromPadded(mem, interior(su), u, w, h);
  fromPadded(mem, interior(sv), v, w, h);
}

/** A w x h field into the padded layout whose first interior value is at `at` (rows w + 2 apart). */
function intoPadded(f: Float32Array, mem: Float32Array, at: number, w: number, h: number): void {
  for (let y = 0; y < h; y++) mem.set(f.subarray(y * w, (y + 1) * w), at + y * (w + 2));
}

/** The interior of a padded field (first value at `at`) back into a w x h field. */
function fromPadded(mem: Float32Array, at: number, f: Float32Array, w: number, h: number): void {
  for (let y = 0; y < h; y++) f.set(mem.subarray(at + y * (w + 2), at + y * (w + 2) + w), y * w);
}

/** The border of the field at `at` repeats the nearest edge pixel (corners included). */
function refreshBorder(f: Float32Array, at: number, w: number, h: number): void {
  const W = w + 2;
  for (let y = 1, p = at + W; y <= h; y++, p += W) {
    f[p] = f[p + 1]!;
    f[p + W - 1] = f[p + W - 2]!;
  }
  f.copyWithin(at, at + W, at + 2 * W);
  f.copyWithin(at + (h + 1) * W, at + h * W, at + (h + 1) * W);
}
