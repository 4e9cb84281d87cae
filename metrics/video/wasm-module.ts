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
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface Kernel {
  memory: WasmMemory;
  /** Grows the memory (never shrinks it) to at least `bytes`. */
  reserve(bytes: number): void;
}

/**
 * Instantiates a module exporting `memory` (growable) and one function `name` taking `params`
 * i32 parameters and returning nothing; `locals` are the declarations beyond the parameters.
 */
export function kernel<F>(fn: string, params: number, locals: [number, number][], body: number[]): Kernel & { run: F } {
  const code = [...leb(locals.length), ...locals.flatMap(([n, type]) => [...leb(n), type]), ...body, 0x0b];
  const bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, ...leb(params), ...new Array<number>(params).fill(I32), 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]), // one memory of one page to start
    ...section(7, [2, ...name('memory'), 2, 0, ...name(fn), 0, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
  const { exports } = new wasm.Instance(new wasm.Module(bytes));
  const memory = exports.memory as WasmMemory;
  return {
    memory,
    run: exports[fn] as F,
    reserve(n) {
      const need = n - memory.buffer.byteLength;
      if (need > 0) memory.grow(Math.ceil(need / 65536));
    },
  };
}
