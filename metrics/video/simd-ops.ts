import { simd } from './wasm-module.js';

/**
 * The SIMD instructions of the frame kernels as bytes, by lane shape, named as in the WebAssembly
 * text format (core specification 2.0, the SIMD instruction table); the memory ones take the
 * memarg's offset and alignment (log2 of bytes).
 */
export const op = {
  v128: {
    load: (offset = 0, align = 0) => [...simd(0x00), align, offset],
    load8x8U: (offset = 0, align = 0) => [...simd(0x02), align, offset],
    store: (offset = 0, align = 4) => [...simd(0x0b), align, offset],
    const: (bytes: ArrayLike<number>) => [...simd(0x0c), ...Array.from(bytes)],
    and: simd(0x4e),
    or: simd(0x50),
    anyTrue: simd(0x53),
  },
  i8x16: {
    shuffle: (lanes: number[]) => [...simd(0x0d), ...lanes],
    splat: simd(0x0f),
    gtU: simd(0x28),
    narrowI16x8U: simd(0x66),
    subSatU: simd(0x73),
  },
  i16x8: {
    extAddPairwiseI8x16U: simd(0x7d),
    abs: simd(0x80),
    narrowI32x4U: simd(0x86),
    extendLowI8x16U: simd(0x89),
    extendHighI8x16U: simd(0x8a),
    shl: simd(0x8b),
    add: simd(0x8e),
    sub: simd(0x91),
  },
  i32x4: {
    eq: simd(0x37),
    ltS: simd(0x39),
    gtS: simd(0x3b),
    extAddPairwiseI16x8S: simd(0x7e),
    extAddPairwiseI16x8U: simd(0x7f),
    add: simd(0xae),
    sub: simd(0xb1),
    mul: simd(0xb5),
    dotI16x8S: simd(0xba),
    truncSatF32x4S: simd(0xf8),
  },
  f32x4: {
    splat: simd(0x13),
    floor: simd(0x68),
    add: simd(0xe4),
    sub: simd(0xe5),
    mul: simd(0xe6),
    div: simd(0xe7),
    convertI32x4S: simd(0xfa),
  },
} as const;
