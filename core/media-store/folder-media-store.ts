import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MediaStore, StoredMedia } from '../types/index.js';
import { sha256Hex } from '../store/index.js';
import { checkHash } from './media-hash.js';
import { extensionForMime, MEDIA_EXTENSIONS, mimeForExtension } from './mime-extensions.js';

/**
 * Content-addressed media in a folder: `<root>/<first two hex digits>/<sha256>.<ext>`. The
 * extension comes from the mime type, so a file opens in any viewer and `stat` can give the
 * mime back; the two-digit shards keep any one folder small.
 */
export class FolderMediaStore implements MediaStore {
  readonly kind = 'folder';
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Stores the bytes once; the same bytes again return the record of the stored file. */
  async put(bytes: Uint8Array, mime: string): Promise<StoredMedia> {
    const hash = sha256Hex(bytes);
    const existing = await this.find(hash);
    // A file of the wrong size is a torn copy from outside Loupe: write it again.
    if (existing && existing.size === bytes.byteLength) return existing.media;
    const ext = existing?.ext ?? extensionForMime(mime);
    const folder = join(this.root, hash.slice(0, 2));
    await mkdir(folder, { recursive: true });
    await writeAtomically(join(folder, `${hash}.${ext}`), bytes);
    return { hash, mime: mimeForExtension(ext), size: bytes.byteLength };
  }

  async has(hash: string): Promise<boolean> {
    return (await this.find(checkHash(hash))) !== undefined;
  }

  async get(hash: string): Promise<Uint8Array> {
    const buf = await readFile(await this.localPath(hash));
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  async localPath(hash: string): Promise<string> {
    const found = await this.find(checkHash(hash));
    if (!found) throw new Error(`media ${hash} is not in the media folder ${this.root}`);
    return found.path;
  }

  async stat(hash: string): Promise<StoredMedia | undefined> {
    return (await this.find(checkHash(hash)))?.media;
  }

  private async find(hash: string): Promise<{ path: string; ext: string; size: number; media: StoredMedia } | undefined> {
    const folder = join(this.root, hash.slice(0, 2));
    for (const ext of MEDIA_EXTENSIONS) {
      const path = join(folder, `${hash}.${ext}`);
      const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
        throw e;
      });
      if (info?.isFile()) return { path, ext, size: info.size, media: { hash, mime: mimeForExtension(ext), size: info.size } };
    }
    return undefined;
  }
}

/** Creates the folder when missing; an unusable path fails here, naming it, rather than at the first put. */
export async function openFolderMediaStore(root: string): Promise<FolderMediaStore> {
  const store = new FolderMediaStore(root);
  try {
    await mkdir(store.root, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new Error(`cannot create the media folder ${store.root} (${code}); choose a media path in a writable folder`, { cause: e });
  }
  return store;
}

/**
 * Writes to a temporary file in the same folder, flushes it, then renames it into place: a
 * reader sees the whole file or none, even if the process dies mid-write, because a rename
 * within one file system is atomic.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
