import { createHash } from 'node:crypto';

/** mulberry32: a small, fast PRNG with a 32-bit state; deterministic across platforms. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromString(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** Fisher-Yates with a PRNG seeded from `seed`: the same order on every machine. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(seedFromString(seed));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
