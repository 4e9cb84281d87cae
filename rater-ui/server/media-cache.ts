import type { MediaStore } from '../../core/types/index.js';

/** What the server keeps of media in memory unless told otherwise (64 MiB). */
export const DEFAULT_MEDIA_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The most recently sent media bytes, keyed by their content hash, never more than `maxBytes` in
 * all: media are content-addressed (a hash always names the same bytes), so a hit needs no
 * checking, and a repeated request makes no file-system call (or S3 request). Least recently used
 * goes first (a Map iterates in insertion order, and a hit is moved to the end); a file larger
 * than the whole budget is sent without being kept.
 */
export class MediaCache {
  private readonly entries = new Map<string, Uint8Array<ArrayBuffer>>();
  private held = 0;

  constructor(
    private readonly media: MediaStore,
    readonly maxBytes = DEFAULT_MEDIA_CACHE_BYTES,
  ) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
      throw new Error(`media cache size: ${maxBytes} is not a whole number of bytes >= 0`);
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.held;
  }

  /** The media's bytes; callers only read them (they are shared by every request for that hash). */
  async get(hash: string): Promise<Uint8Array<ArrayBuffer>> {
    const hit = this.entries.get(hash);
    if (hit) {
      this.entries.delete(hash);
      this.entries.set(hash, hit);
      return hit;
    }
    // One copy into a buffer of its own: a store may hand out a view of a larger one, which must not be kept alive.
    const bytes = new Uint8Array(await this.media.get(hash));
    if (bytes.byteLength > this.maxBytes || this.entries.has(hash)) return bytes;
    this.entries.set(hash, bytes);
    this.held += bytes.byteLength;
    for (const [oldest, kept] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.held -= kept.byteLength;
    }
    return bytes;
  }
}
