import type { ClipModel } from './clip-model.js';
import { imageEmbeddings, type EmbeddingCache, type ImageEmbedding } from './embedding-cache.js';

export interface ImageRef {
  path: string;
  /** sha256 of the file: the cache key. */
  mediaHash: string;
}

/** Images per inference call: large enough to fill the cores, small enough to bound memory. */
export const IMAGE_BATCH = 16;
/** Images in the first inference call of a score() call: the decode nothing overlaps. */
const FIRST_BATCH = 4;

/**
 * Embeddings for images, unnormalised, in input order, each with what decoding did to its file;
 * an Error in place of an image that cannot be read. Cached images are not decoded again; the others are decoded and preprocessed
 * concurrently while the previous batch runs through the vision graph.
 */
export async function embedImages(
  model: ClipModel,
  images: readonly ImageRef[],
  cache: EmbeddingCache = imageEmbeddings,
): Promise<(ImageEmbedding | Error)[]> {
  const modelKey = model.visionGraph;
  const out: (ImageEmbedding | Error)[] = new Array(images.length);
  const todo = new Map<string, number[]>();
  images.forEach((img, i) => {
    const hit = cache.get(modelKey, img.mediaHash);
    if (hit) out[i] = hit;
    else todo.set(img.mediaHash, [...(todo.get(img.mediaHash) ?? []), i]);
  });
  const hashes = [...todo.keys()];
  // The first batch is small, so that the vision graph starts after a few decodes instead of a
  // whole batch of them; from then on each batch is decoded while the one before it is inferred.
  const starts = [0];
  for (let s = Math.min(FIRST_BATCH, hashes.length); s < hashes.length; s += IMAGE_BATCH) starts.push(s);
  const prepare = (b: number) =>
    Promise.all(hashes.slice(starts[b], starts[b + 1]).map((h) => model.preprocess(images[todo.get(h)![0]!]!.path).catch((e: Error) => e)));
  let next = hashes.length > 0 ? prepare(0) : undefined;
  for (let b = 0; next; b++) {
    const pixels = await next;
    next = b + 1 < starts.length ? prepare(b + 1) : undefined;
    const start = starts[b]!;
    const ok = pixels.flatMap((p, k) => (p instanceof Error ? [] : [{ p, hash: hashes[start + k]! }]));
    const embeddings = await model.embedPixels(ok.map((o) => o.p.data));
    const fresh = new Map(ok.map((o, k): [string, ImageEmbedding] => [o.hash, { embedding: embeddings[k]!, decode: o.p.decode }]));
    for (const [hash, e] of fresh) cache.set(modelKey, hash, e);
    pixels.forEach((p, k) => {
      const hash = hashes[start + k]!;
      const value = p instanceof Error ? p : fresh.get(hash)!;
      for (const i of todo.get(hash)!) out[i] = value;
    });
  }
  return out;
}

/** Unnormalised embeddings for texts, deduplicated, in input order, with the token ids used. */
export async function embedTexts(model: ClipModel, texts: readonly string[]): Promise<{ ids: number[][]; embeddings: Float32Array[] }> {
  const unique = [...new Set(texts)];
  const ids = unique.map((t) => model.tokenize(t));
  const embeddings: Float32Array[] = [];
  for (let i = 0; i < ids.length; i += 64) embeddings.push(...(await model.embedTexts(ids.slice(i, i + 64))));
  const at = new Map(unique.map((t, i) => [t, i]));
  return { ids: texts.map((t) => ids[at.get(t)!]!), embeddings: texts.map((t) => embeddings[at.get(t)!]!) };
}
