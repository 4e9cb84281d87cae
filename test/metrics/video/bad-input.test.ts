import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../../../metrics/video/probe.js';
import { sampleFrames, type FrameSampling } from '../../../metrics/video/sample-frames.js';
import { VideoDecodeError } from '../../../metrics/video/video-error.js';
import { big4kClip, childFfmpegs, ffmpeg, lavfiClip } from './decode-clips.js';

let dir: string;
let good: string;
let big: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-video-bad-'));
  good = await lavfiClip(join(dir, 'good.mp4'), 'testsrc2=size=160x120:rate=10', 2);
  big = await big4kClip(dir, 60);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(childFfmpegs()).toEqual([]);
});

const SMALL: FrameSampling = { frames: 4, width: 16, height: 16 };

async function drain(path: string, sampling = SMALL, opts: Parameters<typeof sampleFrames>[2] = {}): Promise<number> {
  let n = 0;
  for await (const _ of sampleFrames(path, sampling, opts)) n++;
  return n;
}

/** The error a bad file gives, from probing or from decoding. */
async function failure(path: string): Promise<VideoDecodeError> {
  const err = await drain(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VideoDecodeError)) throw new Error(`expected a VideoDecodeError for ${path}, got ${String(err)}`);
  expect(err.file).toBe(path);
  expect(err.message).toBe(`${path}: ${err.reason}`);
  return err;
}

async function bytesOf(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('bad video files', () => {
  it('a missing file and a zero-length file', async () => {
    expect((await failure(join(dir, 'absent.mp4'))).reason).toBe('file not found');
    expect((await failure(await bytesOf('empty.mp4', new Uint8Array()))).reason).toBe('empty file (0 bytes)');
  });

  it('an MP4 cut off before its index', async () => {
    const whole = await readFile(good);
    const cut = await bytesOf('cut.mp4', whole.subarray(0, whole.length / 2));
    expect((await failure(cut)).reason).toMatch(/^truncated or incomplete MP4/);
  });

  it('a fast-start MP4 cut off in its data: probes, then fails while decoding', async () => {
    const faststart = join(dir, 'faststart.mp4');
    await ffmpeg('-i', good, '-c', 'copy', '-movflags', '+faststart', faststart);
    const whole = await readFile(faststart);
    const cut = await bytesOf('cut-faststart.mp4', whole.subarray(0, whole.length / 2));
    expect((await probeVideo(cut)).frameCount).toBe(20);
    // The packets left in the file end early, so the last uniform targets fall on one frame: 3 or 4 asked.
    expect((await failure(cut)).reason).toMatch(/^decoded [0-3] of [34] frames: corrupt or truncated video data/);
  });

  it('an audio-only file', async () => {
    const audio = join(dir, 'audio.mp4');
    await ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '1', '-c:a', 'aac', audio);
    expect((await failure(audio)).reason).toBe('no video stream (only audio)');
  });

  it('a PNG named .mp4', async () => {
    const png = join(dir, 'picture.png');
    await ffmpeg('-f', 'lavfi', '-i', 'color=red:size=32x32', '-frames:v', '1', png);
    const fake = join(dir, 'picture.mp4');
    await copyFile(png, fake);
    expect((await failure(fake)).reason).toBe('a still image (png), not a video');
  });

  it('text that is not a video at all', async () => {
    const text = await bytesOf('notes.mp4', new TextEncoder().encode('this is not a video\n'.repeat(50)));
    expect((await failure(text)).reason).toBe('not a video file ffmpeg can read (it starts "this is not")');
  });

  it('a codec ffmpeg cannot decode', async () => {
    // The same file with its sample entry (and the ftyp brand) renamed from avc1 to an unknown fourcc.
    const whole = Buffer.from(await readFile(good));
    for (let at = whole.indexOf('avc1'); at >= 0; at = whole.indexOf('avc1', at)) whole.write('zzzz', at);
    const unknown = await bytesOf('unknown-codec.mp4', whole);
    expect((await failure(unknown)).reason).toBe('unsupported video codec (fourcc zzzz)');
  });
});

describe('huge clips and stopping early', () => {
  it('samples a 4K, 60 s clip at the metric size', async () => {
    const probe = await probeVideo(big);
    expect(probe).toMatchObject({ width: 3840, height: 2160, durationSec: 60, frameCount: 60 });
    const frames = [];
    for await (const f of sampleFrames(big, { frames: 4, width: 64, height: 36 }, { probe })) frames.push(f);
    expect(frames.map((f) => Math.round(f.timeSec))).toEqual([7, 22, 37, 52]);
    expect((await stat(big)).size).toBeLessThan(5_000_000);
  });

  it('stops ffmpeg and says so when decoding outlasts maxSeconds', async () => {
    const err = await drain(big, { fps: 1, width: 64, height: 36 }, { maxSeconds: 0.001 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VideoDecodeError);
    expect((err as VideoDecodeError).reason).toMatch(/longer than the limit of 0.001 s \(maxSeconds\)/);
  });

  it('kills ffmpeg when the caller aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = (async () => {
      for await (const f of sampleFrames(big, { fps: 1, width: 32, height: 18 }, { signal: controller.signal })) {
        seen.push(f.index);
        controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0]);
  });

  it('kills ffmpeg when the caller stops reading', async () => {
    let n = 0;
    for await (const _ of sampleFrames(big, { fps: 1, width: 32, height: 18 })) if (++n === 2) break;
    expect(n).toBe(2);
  });

  it('refuses a signal that is already aborted without starting anything', async () => {
    await expect(drain(good, SMALL, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
