import type { VideoProbe } from './probe.js';
import type { ToneMap } from './tone-map.js';

export interface FrameSampling {
  /** N frames spread uniformly over the duration: the frame shown at the middle of each of N equal spans. */
  frames?: number;
  /** Or frames at this rate: the frame shown at each time k / fps. */
  fps?: number;
  /** Size of the frames handed to the metric; ffmpeg scales (bicubic, aspect ratio not kept). */
  width: number;
  height: number;
}

/** Which frames ffmpeg keeps, as a filter graph on the decoded (and auto-rotated) stream. */
export interface FramePlan {
  filter: string;
  /** Stop after this many output frames, so the rest of the file is not decoded. */
  maxFrames: number;
  /** Frames we expect: fewer together with decoder errors means a damaged file. */
  expected: number;
  /** Time of output frame k from the listed timestamps, used if ffmpeg did not report it. */
  estimateTime(k: number): number;
}

const MAX_SIDE = 8192;
/**
 * A frame stamped up to this much after a target time still counts as shown at it: containers
 * round timestamps to their time base (WebM to 1 ms), so the frame at 1/12 s is stamped 0.083 and
 * the one at 2/12 s is stamped 0.167, after the exact target.
 */
export const PTS_TOLERANCE_SEC = 0.001;

/** The middle of each of N equal spans of [start, end) (TSN-style): fades at either end weigh no more than the rest. */
export function uniformTargets(start: number, end: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => start + ((k + 0.5) * (end - start)) / n);
}

/** start, start + 1/fps, ... before end. */
export function rateTargets(start: number, end: number, fps: number): number[] {
  const count = Math.max(1, Math.ceil((end - start) * fps - 1e-9));
  return Array.from({ length: count }, (_, k) => start + k / fps);
}

/**
 * Index (into ascending `pts`) of the frame on screen at each target time: the one with the
 * largest timestamp at or before it (within PTS_TOLERANCE_SEC). A frame shown at several targets
 * (a slow stretch of a variable-rate clip) is taken once; a target before the first frame takes
 * the first.
 */
export function framesAtTimes(pts: readonly number[], targets: readonly number[]): number[] {
  const picked: number[] = [];
  let i = 0;
  for (const target of [...targets].sort((a, b) => a - b)) {
    while (i + 1 < pts.length && pts[i + 1]! <= target + PTS_TOLERANCE_SEC) i++;
    if (picked[picked.length - 1] !== i) picked.push(i);
  }
  return picked;
}

/** The frames `sampling` asks for, by timestamp; all of them when a clip has no more frames than asked. */
export function pickFrames(pts: readonly number[], probe: VideoProbe, sampling: FrameSampling): number[] {
  const start = pts[0] ?? probe.startSec;
  const end = Math.max(probe.startSec + probe.durationSec, (pts[pts.length - 1] ?? start) + 1e-6);
  if (sampling.frames !== undefined) {
    if (sampling.frames >= pts.length) return pts.map((_, i) => i);
    return framesAtTimes(pts, uniformTargets(start, end, sampling.frames));
  }
  return framesAtTimes(pts, rateTargets(start, end, sampling.fps!));
}

export function framePlan(pts: readonly number[], probe: VideoProbe, sampling: FrameSampling, toneMap: ToneMap | null): FramePlan {
  const indices = pickFrames(pts, probe, sampling);
  // Select before scaling, so only kept frames are converted; the format filter makes swscale
  // convert YUV to RGB in the same pass as the resize; showinfo after it counts output frames.
  const select = indices.length === pts.length ? '' : `select='${indices.map((i) => `eq(n,${i})`).join('+')}',`;
  const scale = `scale=${sampling.width}:${sampling.height}:flags=bicubic,format=rgb24`;
  return {
    filter: `${select}${toneMap ? `${toneMap.filter},` : ''}${scale},showinfo=checksum=0`,
    maxFrames: indices.length,
    expected: indices.length,
    estimateTime: (k) => (pts[indices[k] ?? 0] ?? 0) - probe.startSec,
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
