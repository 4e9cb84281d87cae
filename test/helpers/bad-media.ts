import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ffmpeg, lavfiClip } from '../metrics/video/decode-clips.js';

/**
 * Good and bad files as people hand them to a `folder` generator, each made for real (ffmpeg,
 * sharp) and cut or renamed the way such files break. Each writer returns the file's name.
 */

/** Top-level MP4 boxes as [type, offset, size], read here without Loupe's code. */
function boxes(bytes: Buffer): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let at = 0; at + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(at);
    out.push([bytes.toString('latin1', at + 4, at + 8), at, size]);
    at += size;
  }
  return out;
}

function cut(path: string, length: number): void {
  writeFileSync(path, readFileSync(path).subarray(0, length));
}

/** A moving 320x240 clip of `seconds` at 10 fps. */
export const goodClip = (dir: string, name: string, seconds = 1) =>
  lavfiClip(join(dir, name), 'testsrc2=size=320x240:rate=10', seconds).then(() => name);

/** A faststart MP4 (index first) cut halfway through its media data: the index is whole, the frames are not. */
export async function cutInMediaData(dir: string, name: string): Promise<string> {
  const path = await lavfiClip(join(dir, name), 'testsrc2=size=320x240:rate=10', 2, '-movflags', '+faststart');
  const [, at, size] = boxes(readFileSync(path)).find(([type]) => type === 'mdat')!;
  cut(path, at + Math.floor(size / 2));
  return name;
}

/** An MP4 with its index at the end (ffmpeg's default), cut before the index. */
export async function cutBeforeIndex(dir: string, name: string): Promise<string> {
  const path = await lavfiClip(join(dir, name), 'testsrc2=size=320x240:rate=10', 2);
  const [, at] = boxes(readFileSync(path)).find(([type]) => type === 'moov')!;
  cut(path, at);
  return name;
}

/** An .mp4 holding only AAC audio. */
export async function audioOnly(dir: string, name: string): Promise<string> {
  await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', join(dir, name));
  return name;
}

/** An .m4a (audio) renamed to `name`. */
export async function renamedM4a(dir: string, name: string): Promise<string> {
  await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=220:duration=1', '-c:a', 'aac', join(dir, 'song.m4a'));
  renameSync(join(dir, 'song.m4a'), join(dir, name));
  return name;
}

/** A real PNG of `width` x `height` (a gradient, so that it is no flat picture). */
export async function png(dir: string, name: string, width = 64, height = 48): Promise<string> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) raw.fill((i % width) % 256, i * 3, i * 3 + 3);
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(join(dir, name));
  return name;
}

/** A JPEG of noise cut in half. */
export async function truncatedJpeg(dir: string, name: string): Promise<string> {
  const raw = Buffer.from(Array.from({ length: 128 * 128 * 3 }, (_, i) => (i * 7919) % 256));
  const jpeg = await sharp(raw, { raw: { width: 128, height: 128, channels: 3 } })
    .jpeg()
    .toBuffer();
  writeFileSync(join(dir, name), jpeg.subarray(0, jpeg.length >> 1));
  return name;
}

/** A web page saved under a media name. */
export function htmlPage(dir: string, name: string): string {
  writeFileSync(join(dir, name), '<!doctype html><html><body>404 Not Found</body></html>\n');
  return name;
}

export function emptyFile(dir: string, name: string): string {
  writeFileSync(join(dir, name), '');
  return name;
}
