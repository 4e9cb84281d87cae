import { ffmpegPath } from './ffmpeg-binaries.js';
import { startTool, type ToolProcess } from './ffmpeg-process.js';
import { decodeReason } from './ffmpeg-reasons.js';
import { checkSampling, framePlan, type FramePlan, type FrameSampling } from './frame-selection.js';
import { probeVideo, type VideoProbe } from './probe.js';
import { VideoDecodeError } from './video-error.js';

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
const SHOWINFO = /\[Parsed_showinfo_\d+ @ [^\]]+\] (?:\[info\] )?n:\s*(\d+) .*?pts_time:(-?[\d.e+-]+)/;

/**
 * Decodes `sampling` frames of a video as raw RGB, streamed from ffmpeg's stdout one frame at a
 * time: memory stays at a frame or two, whatever the video's length or size. A one-frame video
 * yields one frame (metrics that need two decide for themselves). Bad or damaged files throw
 * VideoDecodeError; ffmpeg is killed when the caller stops early, aborts, or the time runs out.
 */
export async function* sampleFrames(path: string, sampling: FrameSampling, opts: SampleOptions = {}): AsyncGenerator<VideoFrame> {
  checkSampling(sampling);
  opts.signal?.throwIfAborted();
  const probe = opts.probe ?? (await probeVideo(path, { signal: opts.signal }));
  const plan = framePlan(probe, sampling);
  const maxSeconds = opts.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS;
  const times = new FrameTimes();
  const proc = startTool(ffmpegPath(), decodeArgs(path, plan), {
    signal: opts.signal,
    timeoutMs: maxSeconds * 1000,
    onLine: (line) => {
      const m = SHOWINFO.exec(line);
      if (m) times.set(Number(m[1]), Number(m[2]) - probe.startSec);
    },
  });
  void proc.exit.then(() => times.close());

  const { width, height } = sampling;
  const frameBytes = width * height * 3;
  let index = 0;
  try {
    let frame = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(frameBytes - filled, chunk.length - at);
        frame.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled < frameBytes) continue;
        const timeSec = (await times.get(index)) ?? plan.estimateTime(index);
        proc.pauseClock(true);
        yield { index, timeSec, width, height, rgb: frame };
        proc.pauseClock(false);
        index++;
        // Killed while the caller held the frame: frames already in the pipe are not handed out.
        if (proc.stopped() !== undefined) break;
        frame = new Uint8Array(frameBytes);
        filled = 0;
      }
      if (proc.stopped() !== undefined) break;
    }
    const { code } = await proc.exit;
    checkEnd(path, proc, code, plan, index, maxSeconds, opts.signal);
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
    ...(plan.maxFrames === undefined ? [] : ['-frames:v', String(plan.maxFrames)]),
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}

/** After the last frame: was the decode complete, or did ffmpeg stop on an error, a limit or an abort? */
function checkEnd(
  path: string,
  proc: ToolProcess,
  code: number | null,
  plan: FramePlan,
  got: number,
  maxSeconds: number,
  signal?: AbortSignal,
): void {
  const stopped = proc.stopped();
  if (stopped === 'aborted') throw signal?.reason ?? new Error('aborted');
  if (stopped === 'timeout')
    throw new VideoDecodeError(path, `decoding took longer than the limit of ${maxSeconds} s (maxSeconds); ffmpeg was stopped`);
  const reason = decodeReason(proc.errors, path) ?? (code === 0 ? undefined : `ffmpeg exited with code ${code}`);
  if (got === 0) throw new VideoDecodeError(path, `no frame could be decoded${reason === undefined ? '' : `: ${reason}`}`);
  // Exit code 0 with errors is ffmpeg's way of saying it skipped damaged data.
  if (reason !== undefined && got < plan.expected) throw new VideoDecodeError(path, `decoded ${got} of ${plan.expected} frames: ${reason}`);
}

/**
 * Frame times parsed from showinfo on stderr. ffmpeg logs a frame before writing it to stdout, but
 * the two pipes are read independently, so a frame can arrive first; its time follows within a few
 * ticks. If it never does (a log format this parser does not know), the estimate is used after
 * `TIME_WAIT_MS` rather than blocking ffmpeg forever on a full stdout pipe.
 */
const TIME_WAIT_MS = 2_000;

class FrameTimes {
  private readonly known = new Map<number, number>();
  private readonly waiting = new Map<number, (t: number | undefined) => void>();
  private closed = false;

  set(k: number, t: number): void {
    const resolve = this.waiting.get(k);
    if (resolve) resolve(t);
    else this.known.set(k, t);
  }

  get(k: number): Promise<number | undefined> {
    const t = this.known.get(k);
    this.known.delete(k);
    if (t !== undefined || this.closed) return Promise.resolve(t);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), TIME_WAIT_MS);
      const done = (value: number | undefined): void => {
        clearTimeout(timer);
        this.waiting.delete(k);
        resolve(value);
      };
      this.waiting.set(k, done);
    });
  }

  close(): void {
    this.closed = true;
    for (const done of [...this.waiting.values()]) done(undefined);
  }
}
