/**
 * Working arrays kept between calls of a synchronous computation, by name: each call takes the
 * ones it needs instead of allocating (and later collecting) fresh ones. An array grows to the
 * largest size asked for and is handed out as a view of the asked length; its values are whatever
 * the last call left, so a caller writes every value it reads. Not for arrays a caller returns.
 */
export class ScratchPool {
  private readonly floats = new Map<string, Float32Array>();
  private readonly bytes = new Map<string, Uint8Array>();

  float32(name: string, length: number): Float32Array {
    return take(this.floats, name, length, (n) => new Float32Array(n));
  }

  uint8(name: string, length: number): Uint8Array {
    return take(this.bytes, name, length, (n) => new Uint8Array(n));
  }
}

function take<T extends Float32Array | Uint8Array>(arrays: Map<string, T>, name: string, length: number, make: (n: number) => T): T {
  let array = arrays.get(name);
  if (!array || array.length < length) arrays.set(name, (array = make(length)));
  return array.length === length ? array : (array.subarray(0, length) as T);
}
