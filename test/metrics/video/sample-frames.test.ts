import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveBinary } from '../../../metrics/video/ffmpeg-binaries.js';
import { framesAtTimes, uniformTargets } from '../../../metrics/video/frame-selection.js';
import { probeVideo } from '../../../metrics/video/probe.js';
import { sampleFrames, type FrameSampling, type VideoFrame } from '../../../metrics/video/sample-frames.js';
import { ffmpeg, lavfiClip } from './decode-clips.js';

let dir: string;
const clips = { test: '', ramp: '', vfr: '', rotated: '', one: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-video-'));
  clips.test = await lavfiClip(join(dir, 'test.mp4'), 'testsrc2=size=320x240:rate=10', 2);
  // Frame n has luma 10 n (studio range): its decoded grey level tells which frame it was.
  clips.ramp = await lavfiClip(join(dir, 'ramp.mp4'), "color=black:size=64x48:rate=10,geq=lum='16+10*N':cb=128:cr=128", 2);
  // 20 frames at 20 fps, then 5 frames 0.2 s apart.
  clips.vfr = await lavfiClip(
    join(dir, 'vfr.mp4'),
    'testsrc2=size=64x48:rate=20',
    2,
    '-vf',
    "setpts='if(lt(N,20),N/20,1+(N-20)/5)/TB'",
    '-vsync',
    'vfr',
  );
  const quadrant = await lavfiClip(
    join(dir, 'quadrant.mp4'),
    'color=black:size=64x48:rate=5,drawbox=x=0:y=0:w=32:h=24:color=red:t=fill',
    1,
  );
  clips.rotated = join(dir, 'rotated.mp4');
  await ffmpeg('-i', quadrant, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', clips.rotated);
  clips.one = await lavfiClip(join(dir, 'one.mp4'), 'testsrc2=size=64x48:rate=10', 0.1);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function collect(path: string, sampling: FrameSampling): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of sampleFrames(path, sampling)) frames.push(frame);
  return frames;
}

const meanOf = (rgb: Uint8Array): number => rgb.reduce((a, v) => a + v, 0) / rgb.length;
/** The ramp's frame n decodes (studio to full range) to about 10 n * 255 / 219. */
const rampFrame = (frame: VideoFrame): number => Math.round((meanOf(frame.rgb) * 219) / 255 / 10);

describe('probeVideo', () => {
  it('reads duration, rate, size, codec and the container frame count', async () => {
    expect(await probeVideo(clips.test)).toEqual({
      durationSec: 2,
      fps: 10,
      variableFrameRate: false,
      width: 320,
      height: 240,
      rotation: 0,
      codec: 'h264',
      frameCount: 20,
      frameCountExact: true,
      startSec: 0,
      transfer: 'unknown',
      primaries: 'unknown',
    });
  });

  it('estimates the frame count of a container that carries none (Matroska), and says so', async () => {
    const mkv = join(dir, 'ramp.mkv');
    await ffmpeg('-i', clips.ramp, '-c', 'copy', mkv);
    expect(await probeVideo(mkv)).toMatchObject({ frameCount: 20, frameCountExact: false, fps: 10, durationSec: 2 });
    expect((await collect(mkv, { frames: 4, width: 8, height: 8 })).map(rampFrame)).toEqual([2, 7, 12, 17]);
  });

  it('detects a variable frame rate', async () => {
    const probe = await probeVideo(clips.vfr);
    expect(probe.variableFrameRate).toBe(true);
    expect(probe.frameCount).toBe(25);
    expect(probe.fps).toBeLessThan(20);
  });

  it('reports the display size of a rotated video, and decodes it upright', async () => {
    const probe = await probeVideo(clips.rotated);
    expect([90, 270]).toContain(probe.rotation);
    expect([probe.width, probe.height]).toEqual([48, 64]);
    // The coded picture is red in its top-left quadrant: turned clockwise that lands top-right,
    // turned counter-clockwise bottom-left.
    const [frame] = await collect(clips.rotated, { frames: 1, width: 2, height: 2 });
    const redAt = [0, 1, 2, 3].filter((q) => frame!.rgb[q * 3]! > 128);
    expect(redAt).toEqual(probe.rotation === 90 ? [1] : [2]);
  });

  it('probes a one-frame video as one frame', async () => {
    expect(await probeVideo(clips.one)).toMatchObject({ frameCount: 1, frameCountExact: true, width: 64, height: 48 });
  });
});

describe('sampleFrames', () => {
  it('picks the frame shown at the middle of each of N equal spans', () => {
    const tenFps = Array.from({ length: 20 }, (_, i) => i / 10);
    expect(framesAtTimes(tenFps, uniformTargets(0, 2, 5))).toEqual([2, 6, 10, 14, 18]);
    expect(framesAtTimes(tenFps, uniformTargets(0, 2, 1))).toEqual([10]);
    // Three targets in one frame's time take it once.
    expect(framesAtTimes([0, 1], uniformTargets(0, 2, 6))).toEqual([0, 1]);
  });

  it('decodes exactly the selected frames, scaled, with their times', async () => {
    const frames = await collect(clips.ramp, { frames: 5, width: 16, height: 12 });
    expect(frames.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(frames.map(rampFrame)).toEqual([2, 6, 10, 14, 18]);
    expect(frames.map((f) => f.timeSec)).toEqual([0.2, 0.6, 1, 1.4, 1.8]);
    for (const f of frames) expect([f.width, f.height, f.rgb.length]).toEqual([16, 12, 16 * 12 * 3]);
    expect(new Set(frames.map((f) => f.rgb.buffer)).size).toBe(5);
  });

  it('samples at a frame rate', async () => {
    const frames = await collect(clips.ramp, { fps: 2.5, width: 8, height: 8 });
    expect(frames.map((f) => f.timeSec)).toEqual([0, 0.4, 0.8, 1.2, 1.6]);
    expect(frames.map(rampFrame)).toEqual([0, 4, 8, 12, 16]);
  });

  it('samples a variable-rate video by frame, with the real timestamps', async () => {
    const frames = await collect(clips.vfr, { frames: 25, width: 8, height: 8 });
    expect(frames).toHaveLength(25);
    expect(frames[19]!.timeSec).toBeCloseTo(0.95, 5);
    expect(frames[24]!.timeSec).toBeCloseTo(1.8, 5);
  });

  it('yields the single frame of a one-frame video however many are asked', async () => {
    expect(await collect(clips.one, { frames: 8, width: 32, height: 24 })).toHaveLength(1);
  });

  it('decodes real pictures: a red clip comes out red', async () => {
    const red = await lavfiClip(join(dir, 'red.mp4'), 'color=red:size=64x64:rate=5', 1);
    const [frame] = await collect(red, { frames: 1, width: 4, height: 4 });
    const [r, g, b] = frame!.rgb;
    expect(r).toBeGreaterThan(230);
    expect(g).toBeLessThan(20);
    expect(b).toBeLessThan(20);
  });

  it('refuses impossible sampling as a programmer error', async () => {
    await expect(collect(clips.test, { width: 8, height: 8 })).rejects.toThrow(/exactly one of frames or fps/);
    await expect(collect(clips.test, { frames: 0, width: 8, height: 8 })).rejects.toThrow(/frames must be a positive integer/);
    await expect(collect(clips.test, { fps: 1, width: 0, height: 8 })).rejects.toThrow(/width must be an integer/);
  });
});

describe('ffmpeg binaries', () => {
  it('uses FFMPEG_PATH, and names it when it points nowhere', () => {
    vi.stubEnv('FFMPEG_PATH', join(dir, 'no-such-ffmpeg'));
    expect(() => resolveBinary('ffmpeg')).toThrow(/FFMPEG_PATH=.*no-such-ffmpeg is not an executable/);
    const system = resolveBinary('ffprobe').path;
    vi.stubEnv('FFPROBE_PATH', system);
    expect(resolveBinary('ffprobe')).toEqual({ path: system, source: 'env' });
  });

  it('falls back to the npm builds when nothing is on PATH, and they decode too', async () => {
    vi.stubEnv('PATH', '');
    expect(resolveBinary('ffmpeg')).toMatchObject({ source: 'npm', path: expect.stringContaining('@ffmpeg-installer') });
    expect(resolveBinary('ffprobe')).toMatchObject({ source: 'npm', path: expect.stringContaining('@ffprobe-installer') });
    expect(await probeVideo(clips.ramp)).toMatchObject({ frameCount: 20, width: 64, height: 48 });
    expect((await collect(clips.ramp, { frames: 2, width: 8, height: 8 })).map(rampFrame)).toEqual([5, 15]);
  });
});
