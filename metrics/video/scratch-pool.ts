/**
 * Working arrays kept between calls of a synchronous computation, by name: each call takes the
 * ones it needs instead of allocating (and later collecting) fresh ones. An array grows to the
 * largest size asked for and is handed out as a view of the asked length; its values are whatever
 * the last call left, so a caller writes every value it reads. Not for arrays a caller returns.
 */
export class ScratchPool {
  private readonly arrays = new Map<string, Float32Array | Float64Array | Uint8Array>();

  float32(name: string, length: number): Float32Array {
    return this.take(name, length, Float32Array);
  }

  float64(name: string, length: number): Float64Array {
    return this.take(name, length, Float64Array);
  }

  uint8(name: string, length: number): Uint8Array {
    return this.take(name, length, Uint8Array);
  }

  private take<T extends Float32Array | Float64Array | Uint8Array>(name: string, length: number, kind: new (n: number) => T): T {
    let array = this.arrays.get(name);
    if (!(array instanceof kind) || array.length < length) this.arrays.set(name, (array = new kind(length)));
    return (array.length === length ? array : array.subarray(0, length)) as T;
  }
}
