import { join } from 'node:path';
import sharp from 'sharp';
import { openFolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { writeReport } from '../../../core/report/index.js';
import type { MediaStore, Store } from '../../../core/types/index.js';

/** A SQLite store and a media folder in `dir` for a report test; the store is closed after `use`. */
export async function inReportWorkspace<T>(dir: string, use: (store: Store, media: MediaStore) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  const media = await openFolderMediaStore(join(dir, 'media'));
  try {
    return await use(store, media);
  } finally {
    await store.close();
  }
}

/** A flat picture of `size` pixels a side in one colour, as PNG or JPEG bytes. */
export function flatPicture(size: number, background: string, format: 'png' | 'jpeg'): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background } })
    .toFormat(format)
    .toBuffer();
}

/** The report of run `r1` with no metric descriptions and no video posters, into `dir`/reports. */
export function reportOfRun(store: Store, media: MediaStore, dir: string): ReturnType<typeof writeReport> {
  return writeReport({ store, media, preview: { poster: async () => '' }, runId: 'r1', metrics: [], dir: join(dir, 'reports') });
}
