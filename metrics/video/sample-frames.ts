import { ffmpegPath } from './ffmpeg-binaries.js';
import { listFramePts } from './frame-pts.js';
import { checkSampling, framePlan, type FramePlan, type FrameSampling } from './frame-selection.js';
import { FrameTimes, SHOWINFO } from './frame-times.js';
import { probeVideo, type VideoProbe } from './probe.js';
import { checkEnd, rawFrames, startFrameTool } from './raw-frames.js';
import { toneMapFor } from './tone-map.js';

export type { FrameSampling } from './frame-selection.js';

export interface VideoFrame {
  /** Position among the frames yielded (0, 1, ...), not in the file. */
  index: number;
  /** Presentation time in seconds from the first frame of the video. */
  timeSec: number;
  width: number;
  height: number;
  /** width * height * 3 bytes, RGB24; owned by the caller. */
  rgb: Uint8Array;
}

export interface SampleOptions {
  signal?: AbortSignal;
  /** A probe already made of this file, to save running ffprobe again. */
  probe?: VideoProbe;
  /**
   * Seconds ffmpeg may spend decoding (default 120), not counting the time the caller holds a
   * frame; past it ffmpeg is killed and a VideoDecodeError says so.
   */
  maxSeconds?: number;
}

export const DEFAULT_MAX_DECODE_SECONDS = 120;

/**
 * Decodes `sampling` frames of a video as raw RGB, chosen by their presentation timestamps (listed
 * from the packets first, see frame-selection.ts), HDR tone-mapped to SDR, streamed from ffmpeg one frame at a
 * time: memory stays at a frame or two, whatever the video's length or size. A one-frame video
 * yields one frame (metrics that need two decide for themselves). Bad or damaged files throw
 * VideoDecodeError; ffmpeg is killed when the caller stops early, aborts, or the time runs out.
 */
export async function* sampleFrames(path: string, sampling: FrameSampling, opts: SampleOptions = {}): AsyncGenerator<VideoFrame> {
  checkSampling(sampling);
  opts.signal?.throwIfAborted();
  const probe = opts.probe ?? (await probeVideo(path, { signal: opts.signal }));
  const pts = await listFramePts(path, probe, opts.signal);
  const plan = framePlan(pts, probe, sampling, toneMapFor(probe.transfer, probe.primaries));
  const maxSeconds = opts.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS;
  const times = new FrameTimes();
  const proc = await startFrameTool(ffmpegPath(), decodeArgs(path, plan), {
    signal: opts.signal,
    timeoutMs: maxSeconds * 1000,
    onLine: (line) => {
      const m = SHOWINFO.exec(line);
      if (m) times.set(Number(m[1]), Number(m[2]) - probe.startSec);
    },
  });
  void proc.exit.then(() => times.close());

  const { width, height } = sampling;
  let index = 0;
  try {
    for await (const rgb of rawFrames(proc, width * height * 3)) {
      const timeSec = (await times.get(index)) ?? plan.estimateTime(index);
      yield { index, timeSec, width, height, rgb };
      index++;
    }
    const { code } = await proc.exit;
    checkEnd(path, proc, code, plan.expected, index, maxSeconds, opts.signal);
  } finally {
    await proc.kill();
  }
}

function decodeArgs(path: string, plan: FramePlan): string[] {
  return [
    '-nostdin',
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'level+info',
    '-i',
    path,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    plan.filter,
    // Passthrough keeps ffmpeg from duplicating or dropping frames to fit a constant output rate.
    '-vsync',
    'passthrough',
    '-frames:v',
    String(plan.maxFrames),
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}
