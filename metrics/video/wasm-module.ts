/**
 * A one-function WebAssembly module written out as bytes, for the SIMD kernels of the frame
 * measures: no build step or toolchain. See the WebAssembly core specification 2.0, binary format
 * (https://webassembly.github.io/spec/core/binary/), and its SIMD instruction table.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128, as every count and index of the binary format. */
export function leb(v: number): number[] {
  const out: number[] = [];
  do {
    const low = v & 0x7f;
    v >>>= 7;
    out.push(v ? low | 0x80 : low);
  } while (v);
  return out;
}

/** A SIMD instruction: the 0xfd prefix and its opcode as LEB128. */
export const simd = (op: number): number[] => [0xfd, ...leb(op)];
export const get = (local: number): number[] => [0x20, local];
export const set = (local: number): number[] => [0x21, local];
export const i32Const = (v: number): number[] => [0x41, ...leb(v)]; // non-negative values below 64 as one byte
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (s: string) => [s.length, ...Buffer.from(s, 'ascii')];

/** The little of the WebAssembly API used here: Node has it, but its types come with the DOM library, which the server's build leaves out. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (limits: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * The frame memory shared between threads (frame-memory.ts): its bytes below `reserved` are the
 * difference kernel's, and it can grow to `maximumPages` of 64 KiB (2 GiB, address space only
 * until used): a shared memory never moves, so its largest size is fixed when it is made.
 */
export const FRAME_MEMORY = { reserved: 64, maximumPages: 32768 } as const;

/** A new shared memory of one page that can grow to FRAME_MEMORY.maximumPages. */
export const sharedMemory = (): WasmMemory => new wasm.Memory({ initial: 1, maximum: FRAME_MEMORY.maximumPages, shared: true });

export interface Kernel {
  memory: WasmMemory;
  /** Grows the memory (never shrinks it) to at least `bytes`. */
  reserve(bytes: number): void;
}

/**
 * Instantiates a module with one function `name` taking `params` i32 parameters and returning
 * nothing; `locals` are the declarations beyond the parameters. Its memory is its own (one page to
 * start, growable) unless `shared` is given: a frame memory (sharedMemory) it imports.
 */
export function kernel<F>(
  fn: string,
  params: number,
  locals: [number, number][],
  body: number[],
  shared?: WasmMemory,
): Kernel & { run: F } {
  const code = [...leb(locals.length), ...locals.flatMap(([n, type]) => [...leb(n), type]), ...body, 0x0b];
  // Limits: flags 0 (a minimum) or 3 (shared, a minimum and a maximum).
  const memoryType = shared ? [3, 1, ...leb(FRAME_MEMORY.maximumPages)] : [0, 1];
  const bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, ...leb(params), ...new Array<number>(params).fill(I32), 0]),
    ...(shared ? section(2, [1, ...name('frames'), ...name('memory'), 2, ...memoryType]) : []),
    ...section(3, [1, 0]),
    ...(shared ? [] : section(5, [1, ...memoryType])),
    ...(shared ? section(7, [1, ...name(fn), 0, 0]) : section(7, [2, ...name('memory'), 2, 0, ...name(fn), 0, 0])),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
  const { exports } = new wasm.Instance(new wasm.Module(bytes), shared && { frames: { memory: shared } });
  const memory = shared ?? (exports.memory as WasmMemory);
  return {
    memory,
    run: exports[fn] as F,
    reserve(n) {
      const need = n - memory.buffer.byteLength;
      if (need > 0) memory.grow(Math.ceil(need / 65536));
    },
  };
}
