/**
 * The sums of the two 3 x 3 filters of the technical measures (measures.ts) over the interior of
 * the luma, eight pixels at a time with WebAssembly SIMD in 16-bit lanes: the same integers as one
 * pixel at a time (test/metrics/image/measures.test.ts), about seven times faster than the scalar loop. Its text form:
 *
 *   (func (export "filters") (param $p i32) (param $stride i32) (param $groups i32)
 *     ;; $p: the pixel left of the first one of a row; for each group of 8 pixels, widened to i16:
 *     ;;   edges = up + down + left + right;  l = edges - 4 centre
 *     ;;   n = corners - 2 edges + 4 centre
 *     ;;   sumL += l and sumL2 += l * l (i32x4.dot_i16x8_s), sumN += |n|, pairwise into four i32 lanes
 *     ;; then the three sums are stored at addresses 0, 16 and 32 (four i32 lanes each)
 */
import { op } from '../video/simd-ops.js';
import { get, I32, I32_ADD, I32_SUB, i32Const, kernel, set, V128, type Kernel } from '../video/wasm-module.js';

const [P, STRIDE, GROUPS, UP, DOWN, EDGES, CENTRE4, L, SUM_L, SUM_L2, SUM_N] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Eight bytes at `address + offset` widened to i16 lanes. */
const load8 = (address: number, offset: number) => [...get(address), ...op.v128.load8x8U(offset)];
const accumulate = (sum: number) => [...get(sum), ...op.i32x4.add, ...set(sum)];
const tee = (local: number) => [0x22, local];

const BODY = [
  ...[...get(P), ...get(STRIDE), I32_SUB, ...set(UP), ...get(P), ...get(STRIDE), I32_ADD, ...set(DOWN)],
  ...[0x02, 0x40, 0x03, 0x40, ...get(GROUPS), 0x45, 0x0d, 1], // block, loop; groups == 0: break
  ...[...load8(UP, 1), ...load8(DOWN, 1), ...op.i16x8.add, ...load8(P, 0), ...op.i16x8.add, ...load8(P, 2), ...op.i16x8.add, ...set(EDGES)],
  ...[...load8(P, 1), ...i32Const(2), ...op.i16x8.shl, ...set(CENTRE4)],
  ...[...get(EDGES), ...get(CENTRE4), ...op.i16x8.sub, ...tee(L), ...op.i32x4.extAddPairwiseI16x8S, ...accumulate(SUM_L)],
  ...[...get(L), ...get(L), ...op.i32x4.dotI16x8S, ...accumulate(SUM_L2)],
  ...[...load8(UP, 0), ...load8(UP, 2), ...op.i16x8.add, ...load8(DOWN, 0), ...op.i16x8.add, ...load8(DOWN, 2), ...op.i16x8.add],
  ...[
    ...get(EDGES),
    ...get(EDGES),
    ...op.i16x8.add,
    ...op.i16x8.sub,
    ...get(CENTRE4),
    ...op.i16x8.add,
    ...op.i16x8.abs,
    ...op.i32x4.extAddPairwiseI16x8U,
    ...accumulate(SUM_N),
  ],
  ...[P, UP, DOWN].flatMap((a) => [...get(a), ...i32Const(8), I32_ADD, ...set(a)]),
  ...[...get(GROUPS), ...i32Const(1), I32_SUB, ...set(GROUPS), 0x0c, 0, 0x0b, 0x0b], // groups -= 1, continue; end loop, block
  ...[SUM_L, SUM_L2, SUM_N].flatMap((sum, k) => [...i32Const(0), ...get(sum), ...op.v128.store(16 * k)]),
];

/** Where the luma starts in the module's memory: the sums live below. */
const DATA = 64;
/** Groups per call: a lane of the sum of L² then holds at most 512 * 2 * 1020² < 2^31. */
const CHUNK = 512;

type Filters = (p: number, stride: number, groups: number) => void;
let filters: (Kernel & { run: Filters }) | undefined;

function filterKernel(): Kernel & { run: Filters } {
  filters ??= kernel<Filters>(
    'filters',
    3,
    [
      [2, I32],
      [6, V128],
    ],
    BODY,
  );
  return filters;
}

/** A place for `n` values of luma in the kernel's memory, where `filterSums` reads them without a copy. */
export function lumaBuffer(n: number): Uint8Array {
  const m = filterKernel();
  m.reserve(DATA + n);
  return new Uint8Array(m.memory.buffer, DATA, n);
}

/**
 * Over interior pixels of `grey` (from `lumaBuffer`, at least 3 x 3): the sums of L and L² for the
 * 4-neighbour Laplacian [[0,1,0],[1,-4,1],[0,1,0]] (OpenCV's `Laplacian(ksize=1)`), and of |I * M|
 * for Immerkær's M = [[1,-2,1],[-2,4,-2],[1,-2,1]]. Each row's last (width - 2) % 8 pixels one at a time.
 */
export function filterSums(grey: Uint8Array, width: number, height: number): { laplacian: number; laplacianSq: number; immerkaer: number } {
  const m = filterKernel();
  const sums = new Int32Array(m.memory.buffer, 0, 12);
  let laplacian = 0,
    laplacianSq = 0,
    immerkaer = 0;
  const whole = (width - 2) >> 3;
  for (let y = 1; y < height - 1; y++) {
    for (let g = 0; g < whole; g += CHUNK) {
      m.run(grey.byteOffset + y * width + 8 * g, width, Math.min(CHUNK, whole - g));
      laplacian += sums[0]! + sums[1]! + sums[2]! + sums[3]!;
      laplacianSq += sums[4]! + sums[5]! + sums[6]! + sums[7]!;
      immerkaer += sums[8]! + sums[9]! + sums[10]! + sums[11]!;
    }
    for (let x = 1 + 8 * whole, i = y * width + x; x < width - 1; x++, i++) {
      const edges = grey[i - width]! + grey[i + width]! + grey[i - 1]! + grey[i + 1]!;
      const l = edges - 4 * grey[i]!;
      laplacian += l;
      laplacianSq += l * l;
      immerkaer += Math.abs(
        grey[i - width - 1]! + grey[i - width + 1]! + grey[i + width - 1]! + grey[i + width + 1]! - 2 * edges + 4 * grey[i]!,
      );
    }
  }
  return { laplacian, laplacianSq, immerkaer };
}
