import type { ImageDecode } from './open-image.js';

/** An image's embedding, unnormalised, with what decoding did to its file. */
export interface ImageEmbedding {
  embedding: Float32Array;
  decode?: ImageDecode;
}

/**
 * Image embeddings by model and media hash, shared by every metric of the process: an image is
 * encoded once per model however many prompts and metrics compare with it. Bounded (LRU).
 */
export class EmbeddingCache {
  private readonly entries = new Map<string, ImageEmbedding>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 4096) {}

  private key(modelKey: string, mediaHash: string): string {
    return `${modelKey}\u0000${mediaHash}`;
  }

  get(modelKey: string, mediaHash: string): ImageEmbedding | undefined {
    const key = this.key(modelKey, mediaHash);
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      this.entries.delete(key); // re-insert: Map order is the LRU order
      this.entries.set(key, hit);
    } else {
      this.misses++;
    }
    return hit;
  }

  set(modelKey: string, mediaHash: string, embedded: ImageEmbedding): void {
    this.entries.set(this.key(modelKey, mediaHash), embedded);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

export const imageEmbeddings = new EmbeddingCache();
