import type { VideoProbe } from './probe.js';

export interface FrameSampling {
  /** N frames spread uniformly over the duration (the middle frame of each of N equal spans). */
  frames?: number;
  /** Or frames at this rate: at each tick k / fps, the frame on screen then (ffmpeg's fps filter, rounding up). */
  fps?: number;
  /** Size of the frames handed to the metric; ffmpeg scales (bicubic, aspect ratio not kept). */
  width: number;
  height: number;
}

/** Which frames ffmpeg keeps, as a filter graph on the decoded (and auto-rotated) stream. */
export interface FramePlan {
  filter: string;
  /** Stop after this many output frames, so the rest of the file is not decoded. */
  maxFrames: number | undefined;
  /** Frames we expect: fewer together with decoder errors means a damaged file. */
  expected: number;
  /** Time of output frame k from the probe alone, used if ffmpeg did not report it. */
  estimateTime(k: number): number;
}

const MAX_SIDE = 8192;

/**
 * Frame indices for N uniform samples: the middle of each of N equal spans (as TSN-style video
 * sampling does), so the first and last frames, often fades, weigh no more than the others.
 * A video with fewer frames than asked gives each of its frames once, never duplicates.
 */
export function uniformIndices(frameCount: number, n: number): number[] {
  if (n >= frameCount) return Array.from({ length: frameCount }, (_, i) => i);
  return Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * frameCount) / n));
}

export function framePlan(probe: VideoProbe, sampling: FrameSampling): FramePlan {
  // Select before scaling, so only kept frames are scaled; the format filter makes swscale convert
  // YUV to RGB in the same pass as the resize.
  const scale = `scale=${sampling.width}:${sampling.height}:flags=bicubic,format=rgb24`;
  if (sampling.frames !== undefined) {
    const indices = uniformIndices(probe.frameCount, sampling.frames);
    const select =
      indices.length >= probe.frameCount && probe.frameCountExact ? '' : `select='${indices.map((i) => `eq(n,${i})`).join('+')}',`;
    return {
      filter: `${select}${scale},showinfo`,
      maxFrames: indices.length,
      expected: indices.length,
      estimateTime: (k) => (indices[k] ?? k) / probe.fps,
    };
  }
  const rate = sampling.fps!;
  return {
    filter: `fps=fps=${rate}:round=up,${scale},showinfo`,
    maxFrames: undefined,
    expected: Math.max(1, Math.floor(probe.durationSec * rate)),
    estimateTime: (k) => k / rate,
  };
}

/** Bad sampling is a programmer error, not a bad video: a plain Error naming the field. */
export function checkSampling(s: FrameSampling): void {
  if ((s.frames === undefined) === (s.fps === undefined)) throw new Error('frame sampling: give exactly one of frames or fps');
  if (s.frames !== undefined && !(Number.isInteger(s.frames) && s.frames >= 1)) {
    throw new Error(`frame sampling: frames must be a positive integer, got ${s.frames}`);
  }
  if (s.fps !== undefined && !(Number.isFinite(s.fps) && s.fps > 0)) throw new Error(`frame sampling: fps must be positive, got ${s.fps}`);
  for (const side of ['width', 'height'] as const) {
    const v = s[side];
    if (!(Number.isInteger(v) && v >= 1 && v <= MAX_SIDE))
      throw new Error(`frame sampling: ${side} must be an integer 1..${MAX_SIDE}, got ${v}`);
  }
}
