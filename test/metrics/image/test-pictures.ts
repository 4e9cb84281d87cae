/** Pixels for image tests, made from a seed. */

/** A seeded PRNG for test images (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Random coloured blocks of 8 x 8 pixels: plenty of edges and colour. */
export function blocks(size: number, seed: number): Uint8Array {
  const r = random(seed);
  const cells = size / 8;
  const colours = Array.from({ length: cells * cells }, () => [r() * 255, r() * 255, r() * 255].map(Math.round));
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = colours[Math.floor(y / 8) * cells + Math.floor(x / 8)]!;
      data.set(c, (y * size + x) * 3);
    }
  }
  return data;
}
