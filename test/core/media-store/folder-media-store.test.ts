import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderMediaStore, openFolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import { sha256Hex } from '../../../core/store/shared/canonical-json.js';
import { describeMediaStoreContract } from './media-store-contract.js';

describeMediaStoreContract('folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-media-'));
  const store = await openFolderMediaStore(join(dir, 'media'));
  return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('FolderMediaStore layout', () => {
  let dir: string;
  let store: FolderMediaStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loupe-media-'));
    store = await openFolderMediaStore(join(dir, 'media'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts a file at <root>/<two hex digits>/<hash>.<ext> and leaves no temporary files', async () => {
    const bytes = new TextEncoder().encode('a video');
    const { hash } = await store.put(bytes, 'video/mp4; codecs="avc1.42E01E"');
    const expected = join(dir, 'media', hash.slice(0, 2), `${hash}.mp4`);
    expect(await store.localPath(hash)).toBe(expected);
    expect(await readdir(join(dir, 'media', hash.slice(0, 2)))).toEqual([`${hash}.mp4`]);
    expect((await store.stat(hash))?.mime).toBe('video/mp4');
  });

  it('maps image/jpg to .jpg and an unknown type to .bin', async () => {
    const jpg = await store.put(new TextEncoder().encode('jpeg'), 'image/jpg');
    expect(await store.localPath(jpg.hash)).toMatch(/\.jpg$/);
    expect(jpg.mime).toBe('image/jpeg');
    const avif = await store.put(new TextEncoder().encode('avif'), 'image/avif');
    expect(await store.localPath(avif.hash)).toMatch(/\.bin$/);
    expect(await store.stat(avif.hash)).toEqual({ hash: avif.hash, mime: 'application/octet-stream', size: 4 });
  });

  it('accepts a hash in capitals', async () => {
    const { hash } = await store.put(new TextEncoder().encode('x'), 'image/png');
    expect(await store.has(hash.toUpperCase())).toBe(true);
  });

  it('writes a torn copy again instead of trusting it', async () => {
    const bytes = new TextEncoder().encode('a whole image');
    const { hash } = await store.put(bytes, 'image/png');
    await truncate(await store.localPath(hash), 3);
    expect(await store.put(bytes, 'image/png')).toEqual({ hash, mime: 'image/png', size: bytes.byteLength });
    expect(sha256Hex(await store.get(hash))).toBe(hash);
  });

  it('names a media folder it cannot create', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, '');
    await expect(openFolderMediaStore(join(blocker, 'media'))).rejects.toThrow(join(blocker, 'media'));
  });
});
