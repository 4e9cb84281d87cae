import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { JudgeEndpoint, MetricInput } from '../../core/types/index.js';
import { ffmpegPath } from '../video/ffmpeg-binaries.js';
import { startTool } from '../video/ffmpeg-process.js';
import { probeVideo } from '../video/probe.js';
import { sampleFrames } from '../video/sample-frames.js';

/**
 * What a judge sees of one media item: image data URLs in time order and their sizes (for the
 * token estimate), or, for an endpoint that takes video input, the clip itself.
 */
export interface JudgeMedia {
  frames: string[];
  sizes: { width: number; height: number }[];
  /** The clip as an MP4 data URL (the judge's `video: video-url`); its tokens are not estimated. */
  video?: string;
}

const JPEG_QUALITY = 90;
const ENCODE_TIMEOUT_MS = 120_000;

/**
 * An image downscaled (never enlarged) so that its longest side is at most `maxSide`, or a video as
 * `frames` frames at the middle of equal spans of its duration (metrics/video's sampling by
 * timestamp), each a JPEG data URL; or, with `video: 'video-url'`, the clip re-encoded at that side.
 * Unreadable media throws; the metric turns it into an error.
 */
export async function judgeMedia(
  input: MetricInput,
  maxSide: number,
  frames: number,
  video: JudgeEndpoint['video'] = 'frames',
): Promise<JudgeMedia> {
  if (input.modality === 'image') {
    const { data, info } = await sharp(input.path)
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { frames: [dataUrl('image/jpeg', data)], sizes: [{ width: info.width, height: info.height }] };
  }
  const probe = await probeVideo(input.path);
  const scale = Math.min(1, maxSide / Math.max(probe.width, probe.height));
  if (video === 'video-url') {
    // Even sides: H.264 in 4:2:0 needs them.
    const even = (side: number) => Math.max(2, 2 * Math.round((side * scale) / 2));
    return { frames: [], sizes: [], video: dataUrl('video/mp4', await clipAt(input.path, even(probe.width), even(probe.height))) };
  }
  const width = Math.max(2, Math.round(probe.width * scale));
  const height = Math.max(2, Math.round(probe.height * scale));
  const out: JudgeMedia = { frames: [], sizes: [] };
  for await (const f of sampleFrames(input.path, { frames, width, height }, { probe })) {
    const jpeg = await sharp(f.rgb, { raw: { width: f.width, height: f.height, channels: 3 } })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer();
    out.frames.push(dataUrl('image/jpeg', jpeg));
    out.sizes.push({ width: f.width, height: f.height });
  }
  return out;
}

/**
 * The clip as a judge receives it: H.264 (CRF 20, 4:2:0) at the given size and its own frame times,
 * no audio and no metadata (nothing of the generator's encoder), in an MP4 with its index first.
 */
async function clipAt(path: string, width: number, height: number): Promise<Buffer> {
  const out = join(tmpdir(), `loupe-judge-${randomUUID()}.mp4`);
  try {
    const args = ['-nostdin', '-loglevel', 'level+error', '-i', path, '-map', '0:v:0', '-an', '-sn', '-dn', '-map_metadata', '-1'];
    args.push('-vf', `scale=${width}:${height}`, '-fps_mode', 'passthrough', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20');
    args.push('-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-fflags', '+bitexact', '-y', out);
    const tool = startTool(ffmpegPath(), args, { timeoutMs: ENCODE_TIMEOUT_MS, stdout: 'ignore' });
    const { code } = await tool.exit;
    if (code !== 0) throw new Error(tool.errors.join('; ') || tool.stopped() || `ffmpeg exited with ${code}`);
    return await readFile(out);
  } finally {
    await rm(out, { force: true });
  }
}

const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;
