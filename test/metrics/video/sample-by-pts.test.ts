import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath, ffprobePath } from '../../../metrics/video/ffmpeg-binaries.js';
import { sampleFrames, type FrameSampling, type VideoFrame } from '../../../metrics/video/sample-frames.js';
import { measureClip } from '../../../metrics/video/clip-measures.js';
import { ffmpeg } from './decode-clips.js';

let dir: string;
const clips = { vfr: '', sdr: '', ten: '', hdr: '' };
/** Frame n of the source has luma 16 + 2 n: its grey level names it, whatever was dropped. */
const RAMP = "color=black:size=64x48:rate=30,geq=lum='16+2*N':cb=128:cr=128";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-video-pts-'));
  clips.vfr = join(dir, 'vfr.mkv');
  // 30 fps for the first second, then every fourth frame (7.5 fps): source frame n keeps pts n / 30.
  const slow = "select='lt(n,30)+not(mod(n,4))'";
  await ffmpeg('-f', 'lavfi', '-i', RAMP, '-t', '3', '-vf', slow, '-fps_mode', 'vfr', '-c:v', 'libx264', '-qp', '0', clips.vfr);
  const bars = ['-f', 'lavfi', '-i', 'smptebars=size=160x120:rate=10', '-t', '1'];
  clips.sdr = join(dir, 'sdr.mp4');
  await ffmpeg(...bars, '-c:v', 'libx265', '-crf', '12', '-pix_fmt', 'yuv420p', '-x265-params', 'log-level=error', clips.sdr);
  clips.ten = join(dir, 'ten-bit.mp4');
  await ffmpeg(...bars, '-c:v', 'libx265', '-crf', '12', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error', clips.ten);
  clips.hdr = join(dir, 'hdr-pq.mp4');
  const toPq = 'zscale=tin=bt709:pin=bt709:min=bt709:rin=tv:t=smpte2084:p=bt2020:m=bt2020nc:npl=100,format=yuv420p10le';
  const tags = ['-color_primaries', 'bt2020', '-color_trc', 'smpte2084', '-colorspace', 'bt2020nc'];
  await ffmpeg(...bars, '-vf', toPq, '-c:v', 'libx265', '-crf', '12', ...tags, '-x265-params', 'log-level=error', clips.hdr);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string, sampling: FrameSampling): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of sampleFrames(path, sampling)) frames.push(frame);
  return frames;
}

/** Truth: every decoded frame's time, from ffmpeg decoding the whole clip. */
async function decodedPts(path: string): Promise<number[]> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path];
  const { stdout } = await promisify(execFile)(ffprobePath(), args);
  return stdout.split('\n').flatMap((l) => (l.split(',')[0] ? [Number(l.split(',')[0])] : []));
}

const meanOf = (rgb: Uint8Array): number => rgb.reduce((a, v) => a + v, 0) / rgb.length;

describe('sampling by presentation time', () => {
  it('N uniform frames of a variable-rate clip are the frames on screen at the middle of N equal spans', async () => {
    const truth = await decodedPts(clips.vfr);
    // The clip ends when its last frame does: the container's duration.
    const { stdout } = await promisify(execFile)(ffprobePath(), [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'csv=p=0',
      clips.vfr,
    ]);
    const end = Number(stdout);
    const n = 5;
    const expected = Array.from({ length: n }, (_, k) => {
      const target = ((k + 0.5) * end) / n;
      return Math.max(...truth.filter((t) => t <= target + 0.0005));
    });
    const frames = await collect(clips.vfr, { frames: n, width: 8, height: 8 });
    expect(frames.map((f) => f.timeSec)).toEqual(expected.map((t) => expect.closeTo(t, 3)));
    // The pixels are those frames: each matches, by its grey level, the decoded frame of that time.
    const all = await promisify(execFile)(
      ffmpegPath(),
      ['-v', 'error', '-i', clips.vfr, '-vf', 'scale=8:8,format=rgb24', '-fps_mode', 'passthrough', '-f', 'rawvideo', '-'],
      {
        encoding: 'buffer',
        maxBuffer: 1 << 24,
      },
    );
    const levels = truth.map((_, i) => meanOf(all.stdout.subarray(i * 192, (i + 1) * 192)));
    const nearest = (v: number) => levels.reduce((best, l, i) => (Math.abs(l - v) < Math.abs(levels[best]! - v) ? i : best), 0);
    expect(frames.map((f) => truth[nearest(meanOf(f.rgb))])).toEqual(expected);
  });

  it('a 10-bit clip measures as its 8-bit twin', async () => {
    const [eight, ten] = [await measureClip(clips.sdr), await measureClip(clips.ten)];
    expect(ten.sampling.frames).toBe(eight.sampling.frames);
    expect(ten.quality[0]!.measures.sharpness! / eight.quality[0]!.measures.sharpness!).toBeCloseTo(1, 1);
    expect(ten.sampling.toneMapped).toBeNull();
  });

  it('an HDR (PQ, BT.2020) clip is tone-mapped to SDR and says so', async () => {
    const hdr = await measureClip(clips.hdr);
    expect(hdr.sampling.toneMapped).toMatch(/^tone-mapped from PQ\/bt2020 .* hable/);
    expect(hdr.probe).toMatchObject({ transfer: 'smpte2084', primaries: 'bt2020' });
    const [frame] = await collect(clips.hdr, { frames: 1, width: 16, height: 16 });
    // The bars' white (75%) comes back bright, not as PQ code values (about 50% for 100 nits).
    expect(Math.max(...frame!.rgb)).toBeGreaterThan(150);
  });
});
