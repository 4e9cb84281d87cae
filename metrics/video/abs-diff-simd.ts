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
import { op } from './simd-ops.js';
import { FRAME_MEMORY, get, I32, I32_ADD, i32Const, kernel, set, V128, type WasmMemory } from './wasm-module.js';

const [A, B, N, LEVEL, I, SUM, OVER, D, X, Y, LEVELS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const BODY = [
  ...[...get(LEVEL), ...op.i8x16.splat, ...set(LEVELS)],
  ...[0x02, 0x40, 0x03, 0x40], // block, loop
  ...[...get(I), ...get(N), 0x4f, 0x0d, 1], // i >= n: break
  ...[...get(A), ...get(I), I32_ADD, ...op.v128.load(), ...set(X)],
  ...[...get(B), ...get(I), I32_ADD, ...op.v128.load(), ...set(Y)],
  ...[...get(X), ...get(Y), ...op.i8x16.subSatU, ...get(Y), ...get(X), ...op.i8x16.subSatU, ...op.v128.or, 0x22, D],
  ...[...op.i16x8.extAddPairwiseI8x16U, ...op.i32x4.extAddPairwiseI16x8U, ...get(SUM), ...op.i32x4.add, ...set(SUM)],
  ...[...get(D), ...get(LEVELS), ...op.i8x16.gtU, ...op.v128.const(new Array<number>(16).fill(1)), ...op.v128.and],
  ...[...op.i16x8.extAddPairwiseI8x16U, ...op.i32x4.extAddPairwiseI16x8U, ...get(OVER), ...op.i32x4.add, ...set(OVER)],
  ...[...get(I), ...i32Const(16), I32_ADD, ...set(I), 0x0c, 0, 0x0b, 0x0b], // i += 16, continue; end loop, block
  ...[...i32Const(0), ...get(SUM), ...op.v128.store(0), ...i32Const(0), ...get(OVER), ...op.v128.store(16)],
];

/**
 * Values per call: a u32 lane then holds at most 2^16 / 16 * 4 * 255 < 2^32 (its
 * sums at addresses 0 and 16 of its memory, below FRAME_MEMORY.reserved).
 */
const CHUNK = 1 << 16;

type Sad = (a: number, b: number, n: number, level: number) => void;

/** The difference kernel over a memory: its own, or the frame memory shared between threads (one thread runs it). */
export class AbsDiffKernel {
  private readonly sad: ReturnType<typeof kernel<Sad>>;

  constructor(shared?: WasmMemory) {
    const locals: [number, number][] = [
      [1, I32],
      [6, V128],
    ];
    this.sad = kernel<Sad>('sad', 4, locals, BODY, shared);
  }

  /** Sum of |m[a + i] - m[b + i]| for i < n in the kernel's memory, and how many of them exceed `level`. */
  sums(a: number, b: number, n: number, level: number): { sum: number; over: number } {
    const bytes = new Uint8Array(this.sad.memory.buffer);
    const lanes = new Uint32Array(this.sad.memory.buffer, 0, 8);
    let sum = 0,
      over = 0;
    for (let start = 0; start < n; start += CHUNK) {
      const whole = (Math.min(n, start + CHUNK) - start) & ~15;
      this.sad.run(a + start, b + start, whole, level);
      sum += lanes[0]! + lanes[1]! + lanes[2]! + lanes[3]!;
      over += lanes[4]! + lanes[5]! + lanes[6]! + lanes[7]!;
    }
    for (let i = n & ~15; i < n; i++) {
      const d = Math.abs(bytes[a + i]! - bytes[b + i]!);
      sum += d;
      if (d > level) over++;
    }
    return { sum, over };
  }

  /** Grows the kernel's own memory to at least `bytes`. */
  reserve(bytes: number): void {
    this.sad.reserve(bytes);
  }

  get memory(): WasmMemory {
    return this.sad.memory;
  }
}

let own: AbsDiffKernel | undefined;

/** Sum of |a[i] - b[i]| over two equal-length 8-bit arrays, and how many of them exceed `level`: both copied into a kernel of its own. */
export function absDiffSums(a: Uint8Array, b: Uint8Array, level: number): { sum: number; over: number } {
  if (a.length !== b.length) throw new Error(`frames differ in size: ${a.length} and ${b.length} values`);
  own ??= new AbsDiffKernel();
  const slot = (a.length + 15) & ~15;
  own.reserve(FRAME_MEMORY.reserved + 2 * slot);
  const bytes = new Uint8Array(own.memory.buffer);
  bytes.set(a, FRAME_MEMORY.reserved);
  bytes.set(b, FRAME_MEMORY.reserved + slot);
  return own.sums(FRAME_MEMORY.reserved, FRAME_MEMORY.reserved + slot, a.length, level);
}
