/**
 * The first pass of the technical measures (measures.ts): the rounded Rec. 601 luma of every
 * pixel, and the sums that clipping and colourfulness need, sixteen pixels at a time with
 * WebAssembly SIMD: the same integers as one pixel at a time (colour-sums.ts; tested in
 * test/metrics/image/measures.test.ts), about four times faster than the scalar loop.
 * Its text form:
 *
 *   (func (export "colours") (param $rgb i32) (param $grey i32) (param $blocks i32) (param $flags i32)
 *     ;; for each block of 16 pixels: R, G, B bytes apart (i8x16.shuffle of the 48 bytes),
 *     ;;   k = 299 R + 587 G + 114 B + 500 (i32x4.dot_i16x8_s of (R, G) and (B, 1) pairs)
 *     ;;   luma = floor((k + 0.5) * 0.001) in float32, exact while k / 1000 is not a whole number
 *     ;;   (it is at least 0.0005 from one, the float32 error under 0.00004); the block's flag byte
 *     ;;   says whether any k / 1000 is whole, where the float sum of `lumaOf` decides instead
 *     ;;   the luma stored as bytes; its sum, and the counts >= 250 and <= 5, in i32 lanes
 *     ;;   rg = R - G, 2 yb = R + G - 2 B in i16 lanes: their sums and sums of squares in i32 lanes
 *     ;; then the seven sums are stored at addresses 0, 16, .. 96 (four i32 lanes each)
 */
import { op } from '../video/simd-ops.js';
import { get, I32_ADD, I32_SUB, i32Const, kernel, set, V128, type Kernel } from '../video/wasm-module.js';
import { addPixels, CLIP_HIGH, CLIP_LOW, lumaOf, type ColourSums } from './colour-sums.js';

const [RGB, GREY, BLOCKS, FLAGS, A, B, C, R, G, BL, P, HALF, K, V] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
const [V0, D, E, W_RG, W_B1, ONES, F_HALF, F_MILLI, I1000, ABOVE, BELOW] = [14, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27];
/** The sums, in the order they are stored: luma, count >= 250, count <= 5, rg, rg², 2 yb, (2 yb)². */
const SUMS = [28, 29, 30, 31, 32, 33, 34];
const [LUMA, HIGH, LOW, RG, RG2, YB, YB2] = SUMS as [number, number, number, number, number, number, number];

const loadRgb = (offset: number) => [...get(RGB), ...op.v128.load(offset)];
const v128 = op.v128.const;
const i32x4 = (a: number, b: number) => v128(new Uint8Array(Int32Array.of(a, b, a, b).buffer));
const i16x8 = (a: number, b: number) => v128(new Uint8Array(Int16Array.of(a, b, a, b, a, b, a, b).buffer));
const f32x4 = (x: number) => v128(new Uint8Array(Float32Array.of(x, x, x, x).buffer));
const add = (sum: number, value: number[], addOp = op.i32x4.add) => [...get(sum), ...value, ...addOp, ...set(sum)];
const range = (from: number, step: number, count: number) => Array.from({ length: count }, (_, i) => from + i * step);
const pad = (lanes: number[]) => [...lanes, ...new Array<number>(16 - lanes.length).fill(0)];

/** Channel `c` of 16 pixels: its bytes in A and B (positions c, c + 3, .. below 32), then in C. */
function channel(c: number): number[] {
  const first = range(c, 3, Math.ceil((32 - c) / 3));
  const rest = range(first.length * 3 + c - 32 + 16, 3, 16 - first.length);
  return [...get(A), ...get(B), ...op.i8x16.shuffle(pad(first)), ...get(C), ...op.i8x16.shuffle([...range(0, 1, first.length), ...rest])];
}

/** The luma of four pixels from their (R, G) and (B, 1) pairs (i16 lanes): into `into`, summed, counted and checked. */
function luma(rg: number[], b1: number[], into: number): number[] {
  return [
    ...[...rg, ...get(W_RG), ...op.i32x4.dotI16x8S, ...b1, ...get(W_B1), ...op.i32x4.dotI16x8S, ...op.i32x4.add, 0x22, K],
    ...[
      ...op.f32x4.convertI32x4S,
      ...get(F_HALF),
      ...op.f32x4.add,
      ...get(F_MILLI),
      ...op.f32x4.mul,
      ...op.f32x4.floor,
      ...op.i32x4.truncSatF32x4S,
      0x22,
      V,
      ...set(into),
    ],
    ...add(HALF, [...get(V), ...get(I1000), ...op.i32x4.mul, ...get(K), ...op.i32x4.eq], op.v128.or),
    ...add(LUMA, get(V)),
    ...add(HIGH, [...get(V), ...get(ABOVE), ...op.i32x4.gtS], op.i32x4.sub), // a true lane is -1
    ...add(LOW, [...get(V), ...get(BELOW), ...op.i32x4.ltS], op.i32x4.sub),
  ];
}

/** Pixels 8 h .. 8 h + 7: the luma of two groups of four, then the colour sums of the eight. */
function half(h: 0 | 1): number[] {
  const lanes = range(8 * h, 1, 8).flatMap((i) => [i, i + 16]);
  const widen = (x: number) => [...get(x), ...(h === 0 ? op.i16x8.extendLowI8x16U : op.i16x8.extendHighI8x16U)];
  return [
    ...[...get(R), ...get(G), ...op.i8x16.shuffle(lanes), ...set(D), ...get(BL), ...get(ONES), ...op.i8x16.shuffle(lanes), ...set(P)],
    ...luma([...get(D), ...op.i16x8.extendLowI8x16U], [...get(P), ...op.i16x8.extendLowI8x16U], V0 + 2 * h),
    ...luma([...get(D), ...op.i16x8.extendHighI8x16U], [...get(P), ...op.i16x8.extendHighI8x16U], V0 + 2 * h + 1),
    ...[...widen(R), ...widen(G), ...op.i16x8.sub, 0x22, D, ...op.i32x4.extAddPairwiseI16x8S, ...get(RG), ...op.i32x4.add, ...set(RG)],
    ...add(RG2, [...get(D), ...get(D), ...op.i32x4.dotI16x8S]),
    ...[...widen(R), ...widen(G), ...op.i16x8.add, ...widen(BL), ...i32Const(1), ...op.i16x8.shl, ...op.i16x8.sub, 0x22, E],
    ...[...op.i32x4.extAddPairwiseI16x8S, ...get(YB), ...op.i32x4.add, ...set(YB)],
    ...add(YB2, [...get(E), ...get(E), ...op.i32x4.dotI16x8S]),
  ];
}

const BODY = [
  ...[...i16x8(299, 587), ...set(W_RG), ...i16x8(114, 500), ...set(W_B1), ...v128(new Array<number>(16).fill(1)), ...set(ONES)],
  ...[...f32x4(0.5), ...set(F_HALF), ...f32x4(0.001), ...set(F_MILLI)],
  ...[
    ...i32x4(1000, 1000),
    ...set(I1000),
    ...i32x4(CLIP_HIGH - 1, CLIP_HIGH - 1),
    ...set(ABOVE),
    ...i32x4(CLIP_LOW + 1, CLIP_LOW + 1),
    ...set(BELOW),
  ],
  ...[0x02, 0x40, 0x03, 0x40, ...get(BLOCKS), 0x45, 0x0d, 1], // block, loop; blocks == 0: break
  ...[...loadRgb(0), ...set(A), ...loadRgb(16), ...set(B), ...loadRgb(32), ...set(C)],
  ...[...channel(0), ...set(R), ...channel(1), ...set(G), ...channel(2), ...set(BL)],
  ...[...v128(new Array<number>(16).fill(0)), ...set(HALF)],
  ...half(0),
  ...half(1),
  ...[
    ...get(GREY),
    ...get(V0),
    ...get(V0 + 1),
    ...op.i16x8.narrowI32x4U,
    ...get(V0 + 2),
    ...get(V0 + 3),
    ...op.i16x8.narrowI32x4U,
    ...op.i8x16.narrowI16x8U,
  ],
  ...op.v128.store(0, 0), // at grey
  ...[...get(FLAGS), ...get(HALF), ...op.v128.anyTrue, 0x3a, 0, 0], // i32.store8 at flags
  ...[RGB, GREY, FLAGS].flatMap((p, i) => [...get(p), ...i32Const([48, 16, 1][i]!), I32_ADD, ...set(p)]),
  ...[...get(BLOCKS), ...i32Const(1), I32_SUB, ...set(BLOCKS), 0x0c, 0, 0x0b, 0x0b], // blocks -= 1, continue; end loop, block
  ...SUMS.flatMap((sum, k) => [...i32Const(0), ...get(sum), ...op.v128.store(16 * k)]),
];

/** Blocks per call: a lane of the sum of (2 yb)² then holds at most 1024 * 4 * 510² < 2^31. */
const CHUNK = 1024;

type Colours = (rgb: number, grey: number, blocks: number, flags: number) => void;
let colours: (Kernel & { run: Colours }) | undefined;

/**
 * Writes the rounded Rec. 601 luma of `rgb` (`lumaOf`) into `grey` and returns the sums of the
 * luma, the counts of luma >= 250 and <= 5, and the sums of rg, rg², 2 yb and (2 yb)².
 */
export function colourSums(rgb: Uint8Array, grey: Uint8Array): ColourSums {
  colours ??= kernel<Colours>('colours', 4, [[31, V128]], BODY);
  const n = grey.length,
    blocks = n >> 4;
  const flagsAt = 128,
    rgbAt = flagsAt + ((blocks + 15) & ~15),
    greyAt = rgbAt + 48 * blocks;
  colours.reserve(greyAt + 16 * blocks);
  const memory = new Uint8Array(colours.memory.buffer);
  memory.set(rgb.subarray(0, 48 * blocks), rgbAt);
  const signed = new Int32Array(colours.memory.buffer, 0, 28),
    unsigned = new Uint32Array(colours.memory.buffer, 0, 28);
  const lanes = (k: number, of: Int32Array | Uint32Array = signed) => of[4 * k]! + of[4 * k + 1]! + of[4 * k + 2]! + of[4 * k + 3]!;
  const s: ColourSums = { high: 0, low: 0, luma: 0, rg: 0, rgSq: 0, yb2: 0, yb2Sq: 0 };
  for (let b = 0; b < blocks; b += CHUNK) {
    colours.run(rgbAt + 48 * b, greyAt + 16 * b, Math.min(CHUNK, blocks - b), flagsAt + b);
    s.luma += lanes(0);
    s.high += lanes(1);
    s.low += lanes(2);
    s.rg += lanes(3);
    s.rgSq += lanes(4, unsigned);
    s.yb2 += lanes(5);
    s.yb2Sq += lanes(6, unsigned);
  }
  grey.set(memory.subarray(greyAt, greyAt + 16 * blocks));
  // Where some k / 1000 was whole the float sum decides: those blocks' luma again, one pixel at a time.
  for (let b = 0; b < blocks; b++) {
    if (!memory[flagsAt + b]) continue;
    for (let i = 16 * b; i < 16 * b + 16; i++) {
      const was = grey[i]!,
        v = lumaOf(rgb[3 * i]!, rgb[3 * i + 1]!, rgb[3 * i + 2]!);
      grey[i] = v;
      s.luma += v - was;
      s.high += +(v >= CLIP_HIGH) - +(was >= CLIP_HIGH);
      s.low += +(v <= CLIP_LOW) - +(was <= CLIP_LOW);
    }
  }
  addPixels(rgb, grey, 16 * blocks, n, s);
  return s;
}
