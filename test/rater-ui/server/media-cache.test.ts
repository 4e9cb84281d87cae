import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import { MediaCache } from '../../../rater-ui/server/media-cache.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { makeFixture } from '../study-fixture.js';

/** A real media folder that counts the reads made through its interface. */
class CountingMediaStore extends FolderMediaStore {
  readonly reads: string[] = [];
  override get(hash: string): Promise<Uint8Array> {
    this.reads.push(hash);
    return super.get(hash);
  }
}

const tempDir = useTempDir();

async function folderOf(sizes: number[]) {
  const media = new CountingMediaStore(tempDir().dir);
  const stored = [];
  for (const size of sizes) stored.push(await media.put(randomBytes(size), 'image/png'));
  return { media, hashes: stored.map((s) => s.hash) };
}

describe('MediaCache', () => {
  it('returns the stored file, and reads it from the store only the first time', async () => {
    const { media, hashes } = await folderOf([3000]);
    const cache = new MediaCache(media, 10_000);
    const file = await readFile(await media.localPath(hashes[0]!));
    expect(Buffer.from(await cache.get(hashes[0]!)).equals(file)).toBe(true);
    expect(Buffer.from(await cache.get(hashes[0]!)).equals(file)).toBe(true);
    expect(media.reads).toEqual([hashes[0]]);
    expect(cache.bytes).toBe(3000);
  });

  it('never holds more than its bound, dropping the least recently used first', async () => {
    const { media, hashes } = await folderOf([4000, 4000, 4000, 20_000]);
    const [a, b, c, big] = hashes as [string, string, string, string];
    const cache = new MediaCache(media, 10_000);
    for (const h of [a, b, a, c]) {
      await cache.get(h);
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    // c pushed out b (a was used after b); a and c are still held.
    media.reads.length = 0;
    await cache.get(a);
    await cache.get(c);
    expect(media.reads).toEqual([]);
    await cache.get(b);
    expect(media.reads).toEqual([b]);
    // A file larger than the whole bound is sent, not kept, and pushes nothing out.
    expect((await cache.get(big)).byteLength).toBe(20_000);
    expect(cache.bytes).toBe(8000);
    await cache.get(big);
    expect(media.reads).toEqual([b, big, big]);
  });

  it('keeps nothing with a bound of 0, and refuses a bound that is not a byte count', async () => {
    const { media, hashes } = await folderOf([100]);
    const cache = new MediaCache(media, 0);
    await cache.get(hashes[0]!);
    await cache.get(hashes[0]!);
    expect(media.reads).toHaveLength(2);
    expect(() => new MediaCache(media, -1)).toThrow(/media cache size: -1/);
    expect(() => new MediaCache(media, 1.5)).toThrow(/media cache size: 1.5/);
  });
});

describe('rater media through the cache', () => {
  it("sends an item's media and its byte ranges again without reading the store", async () => {
    const f = await makeFixture();
    try {
      const media = new CountingMediaStore(f.media.root);
      const app = createRaterApp({ store: f.store, media, assetsDir: '/nonexistent', log: () => undefined });
      const study = await f.study({ id: 'cache', goldRate: 0, repeatRate: 0 });
      const token = study.raters[0]!.token;
      const view = (await (await app.request(`/api/r/${token}/session`)).json()) as SessionView;
      const url = view.item!.media[0]!.url;
      const first = await app.request(url);
      expect(first.status).toBe(200);
      const body = Buffer.from(await first.arrayBuffer());
      expect(media.reads).toHaveLength(1);
      const file = await readFile(await media.localPath(media.reads[0]!));
      expect(body.equals(file)).toBe(true);
      const again = await app.request(url);
      expect(Buffer.from(await again.arrayBuffer()).equals(file)).toBe(true);
      const part = await app.request(url, { headers: { range: 'bytes=8-23' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 8-23/${file.byteLength}`);
      expect(Buffer.from(await part.arrayBuffer()).equals(file.subarray(8, 24))).toBe(true);
      expect(media.reads).toHaveLength(1);
    } finally {
      await f.cleanup();
    }
  });
});
