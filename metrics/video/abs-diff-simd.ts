/**
 * The hot loop of every clip, the absolute difference of two frames, 16 values at a time with
 * WebAssembly SIMD (in Node since 16.4): about ten times faster than the best scalar JS loop, and
 * the same integers. Its text form:
 *
 *   (func (export "sad") (param $a i32) (param $b i32) (param $n i32) (param $level i32)
 *     ;; for i in 0, 16, .. < n: d = |a[i..i+16] - b[i..i+16]| (two saturating subtractions, or-ed)
 *     ;;   sum  += d widened pairwise to four u32 lanes
 *     ;;   over += (d > level ? 1 : 0) widened the same way
 *     ;; then sum is stored at address 0 and over at 16 (four u32 lanes each)
 */
import { get, I32, I32_ADD, i32Const, kernel, set, simd, V128 } from './wasm-module.js';

const [A, B, N, LEVEL, I, SUM, OVER, D, X, Y, LEVELS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const op = {
  load: [...simd(0x00), 0, 0],
  store: (offset: number) => [...simd(0x0b), 4, offset],
  splat: simd(0x0f),
  gtU: simd(0x28),
  and: simd(0x4e),
  or: simd(0x50),
  subSatU: simd(0x73),
  widen8: simd(0x7d), // i16x8.extadd_pairwise_i8x16_u
  widen16: simd(0x7f), // i32x4.extadd_pairwise_i16x8_u
  add32: simd(0xae),
  ones: [...simd(0x0c), ...new Array<number>(16).fill(1)],
};

const BODY = [
  ...[...get(LEVEL), ...op.splat, ...set(LEVELS)],
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...[...get(I), ...get(N), 0x4f, 0x0d, 1], // i >= n: break
  ...[...get(A), ...get(I), I32_ADD, ...op.load, ...set(X)],
  ...[...get(B), ...get(I), I32_ADD, ...op.load, ...set(Y)],
  ...[...get(X), ...get(Y), ...op.subSatU, ...get(Y), ...get(X), ...op.subSatU, ...op.or, 0x22, D],
  ...[...op.widen8, ...op.widen16, ...get(SUM), ...op.add32, ...set(SUM)],
  ...[...get(D), ...get(LEVELS), ...op.gtU, ...op.ones, ...op.and],
  ...[...op.widen8, ...op.widen16, ...get(OVER), ...op.add32, ...set(OVER)],
  ...[...get(I), ...i32Const(16), I32_ADD, ...set(I), 0x0c, 0, 0x0b, 0x0b], // i += 16, continue; end loop, block
  ...[...i32Const(0), ...get(SUM), ...op.store(0), ...i32Const(0), ...get(OVER), ...op.store(16)],
];

/** Where the frames start in the module's memory: the sums live below. */
const DATA = 64;
/**
 * Values per call: a u32 lane then holds at most 2^16 / 16 * 4 * 255 < 2^32, and the piece just
 * copied in is still in the cache when the kernel reads it.
 */
const CHUNK = 1 << 16;

type Sad = (a: number, b: number, n: number, level: number) => void;

/**
 * The frames of a clip compared each with the one before, each copied once into the memory of a
 * module of its own (two slots, used in turn) instead of both frames of every pair, and compared
 * piece by piece as it is copied in.
 */
export class AbsDiffStream {
  private readonly sad = kernel<Sad>(
    'sad',
    4,
    [
      [1, I32],
      [6, V128],
    ],
    BODY,
  );
  /** Where the previous frame is, and its length; undefined before the first. */
  private previous: { at: number; length: number } | undefined;

  /** Forgets the previous frame: the next one starts a new clip. */
  restart(): void {
    this.previous = undefined;
  }

  /** Sum of |previous[i] - frame[i]| and how many of them exceed `level`; undefined for the first frame. */
  push(frame: Uint8Array, level: number): { sum: number; over: number } | undefined {
    const n = frame.length;
    const before = this.previous;
    if (before && before.length !== n) throw new Error(`frames differ in size: ${before.length} and ${n} values`);
    const slot = (n + 15) & ~15;
    this.sad.reserve(DATA + 2 * slot);
    const at = before?.at === DATA ? DATA + slot : DATA;
    this.previous = { at, length: n };
    const bytes = new Uint8Array(this.sad.memory.buffer);
    const lanes = new Uint32Array(this.sad.memory.buffer, 0, 8);
    let sum = 0,
      over = 0;
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      bytes.set(frame.subarray(start, end), at + start);
      if (!before) continue;
      const whole = (end - start) & ~15;
      this.sad.run(before.at + start, at + start, whole, level);
      sum += lanes[0]! + lanes[1]! + lanes[2]! + lanes[3]!;
      over += lanes[4]! + lanes[5]! + lanes[6]! + lanes[7]!;
      for (let i = start + whole; i < end; i++) {
        const d = Math.abs(bytes[before.at + i]! - bytes[at + i]!);
        sum += d;
        if (d > level) over++;
      }
    }
    return before && { sum, over };
  }
}

let pairs: AbsDiffStream | undefined;

/** Sum of |a[i] - b[i]| over two equal-length 8-bit arrays, and how many of them exceed `level`. */
export function absDiffSums(a: Uint8Array, b: Uint8Array, level: number): { sum: number; over: number } {
  pairs ??= new AbsDiffStream();
  pairs.restart();
  pairs.push(a, level);
  return pairs.push(b, level)!;
}
