import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MediaStore } from '../../core/types/index.js';
import { stripMetadata } from './strip-metadata.js';

const run = promisify(execFile);
const CONTAINERS: Readonly<Record<string, string>> = { 'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov' };

/**
 * The bytes a rater may receive: images with their metadata chunks removed, videos remuxed by
 * ffmpeg without metadata (title, comment, encoder tags; streams copied, not re-encoded), kept in
 * a temporary cache for the server's life.
 */
export class BlindMedia {
  private readonly videos = new Map<string, Promise<string | null>>();
  private cacheDir: string | undefined;

  constructor(
    private readonly media: MediaStore,
    private readonly log: (m: string) => void,
  ) {}

  async bytes(hash: string, mime: string): Promise<Uint8Array> {
    const ext = CONTAINERS[mime];
    if (!ext) return stripMetadata(new Uint8Array(await this.media.get(hash)), mime);
    let remuxed = this.videos.get(hash);
    if (!remuxed) {
      remuxed = this.remux(hash, ext);
      this.videos.set(hash, remuxed);
    }
    const path = await remuxed;
    return path ? new Uint8Array(await readFile(path)) : this.media.get(hash);
  }

  private async remux(hash: string, ext: string): Promise<string | null> {
    if (!this.cacheDir) {
      const dir = mkdtempSync(join(tmpdir(), 'loupe-blind-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      this.cacheDir = dir;
    }
    const out = join(this.cacheDir, `${this.videos.size}.${ext}`);
    try {
      await run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        await this.media.localPath(hash),
        '-map',
        '0',
        '-c',
        'copy',
        '-map_metadata',
        '-1',
        '-map_chapters',
        '-1',
        '-fflags',
        '+bitexact',
        '-flags:v',
        '+bitexact',
        '-flags:a',
        '+bitexact',
        out,
      ]);
      return out;
    } catch (e) {
      // Without ffmpeg the video goes out as stored; the coordinator is told once per clip.
      this.log(`could not remove the metadata of a video (${(e as Error).message.split('\n')[0]}); serving it as stored`);
      return null;
    }
  }
}
