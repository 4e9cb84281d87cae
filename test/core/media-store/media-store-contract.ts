import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../core/store/shared/canonical-json.js';
import type { MediaStore } from '../../../core/types/media-store.js';

export interface MediaStoreUnderTest {
  store: MediaStore;
  /** Removes what the factory made (a folder, a bucket prefix). */
  cleanup: () => Promise<void>;
}

const BAD_HASHES = ['abc', 'g'.repeat(64), '../../etc/passwd', `${'a'.repeat(64)}.png`, ''];

/**
 * The behaviour every `MediaStore` backend must have. Call it from a backend's test file with
 * a factory that makes a new, empty store each time.
 */
export function describeMediaStoreContract(name: string, makeStore: () => Promise<MediaStoreUnderTest>): void {
  describe(`MediaStore contract: ${name}`, () => {
    let current: MediaStoreUnderTest | undefined;
    const store = (): MediaStore => {
      if (!current) throw new Error('no store: used outside a test');
      return current.store;
    };
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    it('stores bytes under their sha256 and gives them back', async () => {
      const bytes = new Uint8Array(randomBytes(4096));
      const stored = await store().put(bytes, 'image/png');
      expect(stored).toEqual({ hash: sha256Hex(bytes), mime: 'image/png', size: 4096 });
      expect(store().kind).toMatch(/\w+/);
      expect(await store().has(stored.hash)).toBe(true);
      expect(await store().stat(stored.hash)).toEqual(stored);
      const back = await store().get(stored.hash);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
    });

    it('stores the same bytes once: a second put returns the first record', async () => {
      const bytes = new TextEncoder().encode('the same frame');
      const first = await store().put(bytes, 'image/webp');
      expect(await store().put(bytes, 'image/webp')).toEqual(first);
      expect(await store().put(bytes, 'image/png')).toEqual(first);
      expect(await store().stat(first.hash)).toEqual(first);
    });

    it('keeps the mime type of each kind of media generators return', async () => {
      for (const mime of ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'video/webm', 'video/quicktime']) {
        const stored = await store().put(new TextEncoder().encode(`media of type ${mime}`), mime);
        expect(await store().stat(stored.hash)).toEqual({ hash: stored.hash, mime, size: stored.size });
      }
    });

    it('gives a readable local file', async () => {
      const bytes = new Uint8Array(randomBytes(1000));
      const { hash } = await store().put(bytes, 'video/mp4');
      const path = await store().localPath(hash);
      expect((await readFile(path)).equals(Buffer.from(bytes))).toBe(true);
    });

    it('says what is missing instead of returning nothing', async () => {
      const missing = sha256Hex('never stored');
      expect(await store().has(missing)).toBe(false);
      expect(await store().stat(missing)).toBeUndefined();
      await expect(store().get(missing)).rejects.toThrow(missing);
      await expect(store().localPath(missing)).rejects.toThrow(missing);
    });

    it('refuses anything that is not a sha256 hash', async () => {
      for (const bad of BAD_HASHES) {
        await expect(store().get(bad), bad).rejects.toThrow(/hash/);
        await expect(store().has(bad), bad).rejects.toThrow(/hash/);
        await expect(store().stat(bad), bad).rejects.toThrow(/hash/);
        await expect(store().localPath(bad), bad).rejects.toThrow(/hash/);
      }
    });

    it('survives many puts of the same and of different bytes at once', async () => {
      const same = new Uint8Array(randomBytes(64 * 1024));
      const others = Array.from({ length: 8 }, () => new Uint8Array(randomBytes(2048)));
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => store().put(same, 'video/webm')),
        ...others.map((b) => store().put(b, 'image/gif')),
      ]);
      expect(new Set(results.slice(0, 8).map((r) => r.hash)).size).toBe(1);
      expect(Buffer.from(await store().get(sha256Hex(same))).equals(Buffer.from(same))).toBe(true);
      for (const b of others) expect(Buffer.from(await store().get(sha256Hex(b))).equals(Buffer.from(b))).toBe(true);
    });

    it('stores empty and large media', async () => {
      const empty = await store().put(new Uint8Array(0), 'application/octet-stream');
      expect(empty.size).toBe(0);
      expect(await store().get(empty.hash)).toHaveLength(0);
      const large = new Uint8Array(randomBytes(8 * 1024 * 1024));
      const stored = await store().put(large, 'video/mp4');
      expect(stored.size).toBe(large.byteLength);
      expect(Buffer.from(await store().get(stored.hash)).equals(Buffer.from(large))).toBe(true);
    });
  });
}
