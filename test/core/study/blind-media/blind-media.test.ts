import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMediaStore } from '../../../../core/media-store/folder-media-store.js';
import { blindImage } from '../../../../core/study/blind-media/blind-image.js';
import { blindVideo } from '../../../../core/study/blind-media/blind-video.js';
import { TOOLS_ON_PATH } from '../../../../core/study/blind-media/media-tools.js';
import { blindGenerations } from '../../../../core/study/blind-media/prepare-media.js';
import type { GenerationRecord } from '../../../../core/types/store.js';
import { ENCODER_STRINGS, hiddenStrings, makeZoo, SECRET, type ZooFile } from './metadata-zoo.js';

let dir: string;
let zoo: ZooFile[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-zoo-'));
  zoo = await makeZoo(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An image's bytes and its ICC profile as decoded (an iCCP chunk holds it compressed). */
const withProfile = async (bytes: Uint8Array, video: boolean) =>
  video ? bytes : Buffer.concat([bytes, (await sharp(bytes).metadata()).icc ?? Buffer.alloc(0)]);
const file = (name: string) => zoo.find((z) => z.name === name)!;
const path = (z: ZooFile) => {
  const p = join(dir, `${z.name}.bin`);
  writeFileSync(p, z.bytes);
  return p;
};
/** ffmpeg's MD5 of each decoded frame of the first video stream, without the timestamps a remux may shift. */
const frameMd5 = (p: string) =>
  execFileSync('ffmpeg', ['-v', 'error', '-i', p, '-map', '0:v:0', '-f', 'framemd5', '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());

describe('media prepared for raters', () => {
  it('the zoo hides the secret in every file, and nothing of it (nor an encoder string) survives preparation', async () => {
    expect(zoo).toHaveLength(8);
    for (const z of zoo) {
      const video = z.mime.startsWith('video/');
      expect(hiddenStrings(await withProfile(z.bytes, video), [SECRET]), z.name).toEqual([SECRET]);
      const out = video ? await blindVideo(path(z), TOOLS_ON_PATH) : await blindImage(z.bytes);
      expect(hiddenStrings(await withProfile(out.bytes, video), [SECRET, ...ENCODER_STRINGS]), z.name).toEqual([]);
    }
  });

  it('rebuilds an H.264 stream without its SEI units, its decoded frames bit-exact with the original', async () => {
    const z = file('h264-sei-mp4');
    const out = await blindVideo(path(z), TOOLS_ON_PATH);
    expect(out).toMatchObject({ mime: 'video/mp4', how: 'bitstream' });
    const blinded = join(dir, 'blinded.mp4');
    writeFileSync(blinded, out.bytes);
    const frames = frameMd5(path(z));
    expect(frames).toHaveLength(10);
    expect(frameMd5(blinded)).toEqual(frames);
    expect(out.durationMs).toBeGreaterThanOrEqual(1000);
  });

  it('re-encodes HEVC (its encoder string lives in the stream headers) to lossless VP9 with the same decoded frames', async () => {
    const z = file('hevc-x265-mp4');
    const out = await blindVideo(path(z), TOOLS_ON_PATH);
    expect(out).toMatchObject({ mime: 'video/webm', how: 'lossless' });
    const blinded = join(dir, 'blinded.webm');
    writeFileSync(blinded, out.bytes);
    expect(frameMd5(blinded)).toEqual(frameMd5(path(z)));
  });

  it('converts an image with a Display P3 profile to sRGB pixels and keeps no profile', async () => {
    const out = await blindImage(file('png-icc-description').bytes);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.icc).toBeUndefined();
    expect(meta.format).toBe('png');
    const { data } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    // Display P3 (200, 100, 50) in sRGB, from the published P3 -> sRGB matrix on linear light (both use the sRGB curve).
    const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const enc = (v: number) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
    const [r, g, b] = [200, 100, 50].map((v) => lin(v / 255)) as [number, number, number];
    const expected = [1.2249 * r - 0.2247 * g, -0.042 * r + 1.0419 * g, -0.0197 * r - 0.0786 * g + 1.0979 * b].map(enc);
    for (const [i, e] of expected.entries()) expect(Math.abs(data[i]! - e)).toBeLessThanOrEqual(3);
    expect(Math.abs(data[0]! - 200)).toBeGreaterThan(5);
  });

  it('stops with the generation named when a medium cannot be prepared', async () => {
    const media = new FolderMediaStore(join(dir, 'media'));
    const bad = await media.put(Buffer.from('not a picture at all'), 'image/png');
    const g = { key: 'k-broken', mediaHash: bad.hash, mime: 'image/png' } as GenerationRecord;
    await expect(blindGenerations([g], {}, { media })).rejects.toThrow(
      /generation "k-broken" \(media [0-9a-f]{64}, image\/png\): cannot prepare it for raters/,
    );
    const none = { key: 'k-empty', mediaHash: null, mime: null } as unknown as GenerationRecord;
    await expect(blindGenerations([none], {}, { media })).rejects.toThrow(/generation "k-empty" has no stored media/);
  });
});
