/**
 * The Jacobi iterations of Horn-Schunck (optical-flow.ts), two pixels at a time with WebAssembly
 * SIMD in double precision: the same operations in the same order as the scalar loop, so the same
 * float32 flow, about four times faster. The fields live in the module's memory with a border of
 * one pixel that repeats the edge (refreshed after every iteration): reading it is what clamping
 * the neighbours at the border gives, and the kernel runs over the rows without a branch (the
 * border cells it computes on the way are overwritten by the refresh).
 */
import { get, I32, I32_ADD, I32_SUB, i32Const, kernel, set, simd, V128, type Kernel } from './wasm-module.js';

const [SU, SV, DU, DV, U0, V0, IX, IY, IT, DEN, P, PAIRS, STRIDE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const [Q, STRIDE2, UB, VB, IXV, IYV, R, SIX, TWELVE] = [13, 14, 15, 16, 17, 18, 19, 20, 21];
const f64 = { add: simd(0xf0), sub: simd(0xf1), mul: simd(0xf2), div: simd(0xf3), splat: simd(0x14) };
/** Two float32 at `address + offset` as two float64 (v128.load64_zero, f64x2.promote_low_f32x4). */
const load = (address: number[], offset = 0) => [...address, ...simd(0x5d), 0, offset, ...simd(0x5f)];
const at = (array: number) => [...get(array), ...get(P), I32_ADD];
const row = (k: 0 | 1 | 2) => (k === 0 ? get(Q) : [...get(Q), ...get(k === 1 ? STRIDE : STRIDE2), I32_ADD]);

/** Horn and Schunck's neighbourhood mean: (L + R + U + D) / 6 + (UL + UR + DL + DR) / 12. */
const neighbourMean = (array: number) => [
  // Q: the up-left neighbour of the first pixel; rows Q, Q + stride, Q + 2 stride; columns +0, +4, +8 bytes.
  ...[...get(array), ...get(P), I32_ADD, ...get(STRIDE), I32_SUB, ...i32Const(4), I32_SUB, ...set(Q)],
  ...[...load(row(1), 0), ...load(row(1), 8), ...f64.add, ...load(row(0), 4), ...f64.add, ...load(row(2), 4), ...f64.add],
  ...[...get(SIX), ...f64.div],
  ...[...load(row(0), 0), ...load(row(0), 8), ...f64.add, ...load(row(2), 0), ...f64.add, ...load(row(2), 8), ...f64.add],
  ...[...get(TWELVE), ...f64.div, ...f64.add],
];
/** Demotes two float64 to float32 and stores them at `address` (f32x4.demote_f64x2_zero, v128.store64_lane 0). */
const store = (address: number[], value: number[]) => [...address, ...value, ...simd(0x5e), ...simd(0x5b), 0, 0, 0];
const f64Splat = (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer), ...f64.splat];

const BODY = [
  ...[...f64Splat(6), ...set(SIX), ...f64Splat(12), ...set(TWELVE), ...get(STRIDE), ...get(STRIDE), I32_ADD, ...set(STRIDE2)],
  ...[0x02, 0x40, 0x03, 0x40, ...get(PAIRS), 0x45, 0x0d, 1], // block, loop; pairs == 0: break
  ...[...neighbourMean(SU), ...set(UB), ...neighbourMean(SV), ...set(VB)],
  ...[...load(at(IX)), ...set(IXV), ...load(at(IY)), ...set(IYV)],
  // r = (ix (ub - u0) + iy (vb - v0) + it) / den
  ...[...get(IXV), ...get(UB), ...load(at(U0)), ...f64.sub, ...f64.mul, ...get(IYV), ...get(VB), ...load(at(V0)), ...f64.sub, ...f64.mul],
  ...[...f64.add, ...load(at(IT)), ...f64.add, ...load(at(DEN)), ...f64.div, ...set(R)],
  ...store(at(DU), [...get(UB), ...get(IXV), ...get(R), ...f64.mul, ...f64.sub]),
  ...store(at(DV), [...get(VB), ...get(IYV), ...get(R), ...f64.mul, ...f64.sub]),
  ...[...get(P), ...i32Const(8), I32_ADD, ...set(P), ...get(PAIRS), ...i32Const(1), I32_SUB, ...set(PAIRS)],
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
  // Each field padded by one pixel, and 4 floats of slack: the last pair may run one pixel past the last row.
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
  const field = (k: number) => mem.subarray(k * size, (k + 1) * size);
  const fields = [u, v, u, v, u, v, t.ix, t.iy, t.it, t.den]; // su, sv, du, dv (overwritten), u0, v0, terms
  fields.forEach((f, k) => {
    for (let y = 0; y < h; y++) field(k).set(f.subarray(y * w, (y + 1) * w), (y + 1) * W + 1);
  });
  let [su, sv, du, dv] = [0, 1, 2, 3];
  refreshBorder(field(su), w, h);
  refreshBorder(field(sv), w, h);
  const pairs = Math.ceil(((h - 1) * W + w) / 2);
  for (let k = 0; k < iterations; k++) {
    const ptr = (f: number) => f * size * 4;
    step.run(ptr(su), ptr(sv), ptr(du), ptr(dv), ptr(4), ptr(5), ptr(6), ptr(7), ptr(8), ptr(9), 4 * (W + 1), pairs, 4 * W);
    [su, du] = [du, su];
    [sv, dv] = [dv, sv];
    refreshBorder(field(su), w, h);
    refreshBorder(field(sv), w, h);
  }
  for (let y = 0; y < h; y++) {
    u.set(field(su).subarray((y + 1) * W + 1, (y + 1) * W + 1 + w), y * w);
    v.set(field(sv).subarray((y + 1) * W + 1, (y + 1) * W + 1 + w), y * w);
  }
}

/** The border repeats the nearest edge pixel (corners included). */
function refreshBorder(f: Float32Array, w: number, h: number): void {
  const W = w + 2;
  for (let y = 1; y <= h; y++) {
    f[y * W] = f[y * W + 1]!;
    f[y * W + W - 1] = f[y * W + W - 2]!;
  }
  f.copyWithin(0, W, 2 * W);
  f.copyWithin((h + 1) * W, h * W, (h + 1) * W);
}
