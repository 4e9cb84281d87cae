import type { ClipHeader } from './every-frame.js';
import { PTS_TOLERANCE_SEC } from './frame-selection.js';
import type { VideoProbe } from './probe.js';

/** How a clip was read, kept small whatever its length: counts and the first and last times, not every timestamp. */
export interface ClipSampling {
  /** Decoded frames read (every frame, as it is in the file). */
  frames: number;
  /** The clip's average frame rate as ffmpeg reports it. */
  fps: number;
  /** Size of the frames measured (the clip's display size, longest side capped). */
  width: number;
  height: number;
  firstSec: number | null;
  lastSec: number | null;
  /** True when the frame intervals differ by more than container rounding. */
  variableFrameRate: boolean;
  clipSeconds: number;
  /** True when the clip is longer than clipSeconds and only its start was read. */
  cut: boolean;
  flowEvery: number;
  flowSize: string;
  toneMapped: string | null;
}

/** A frame-rate change shows as intervals differing by more than timestamp rounding and 5%. */
export function isVariableRate(times: readonly number[]): boolean {
  let min = Infinity,
    max = 0;
  for (let i = 1; i < times.length; i++) {
    const step = times[i]! - times[i - 1]!;
    min = Math.min(min, step);
    max = Math.max(max, step);
  }
  return times.length > 2 && max - min > 2 * PTS_TOLERANCE_SEC + 0.05 * min;
}

/** The probe (from ffmpeg's own description and the frames decoded) and the sampling record of one measured clip. */
export function clipSampling(
  h: ClipHeader,
  times: readonly number[],
  read: { cut: boolean; flowEvery: number; flowSize: string; clipSeconds: number },
): { probe: VideoProbe; sampling: ClipSampling } {
  const first = times[0] ?? null,
    last = times[times.length - 1] ?? null;
  const span = first === null || last === null ? 0 : last - first;
  const fps = h.fps ?? (span > 0 ? (times.length - 1) / span : 1);
  const variableFrameRate = isVariableRate(times);
  const probe: VideoProbe = {
    durationSec: h.durationSec ?? span + 1 / fps,
    fps,
    variableFrameRate,
    width: h.width,
    height: h.height,
    rotation: h.rotation,
    codec: h.codec,
    frameCount: read.cut ? Math.max(times.length, Math.round((h.durationSec ?? 0) * fps)) : times.length,
    frameCountExact: !read.cut,
    startSec: h.startSec,
    transfer: h.transfer,
    primaries: h.primaries,
  };
  const round = (t: number | null) => (t === null ? null : Math.round(t * 1000) / 1000);
  return {
    probe,
    sampling: {
      frames: times.length,
      fps,
      width: h.frameWidth,
      height: h.frameHeight,
      firstSec: round(first),
      lastSec: round(last),
      variableFrameRate,
      clipSeconds: read.clipSeconds,
      cut: read.cut,
      flowEvery: read.flowEvery,
      flowSize: read.flowSize,
      toneMapped: h.toneMapped,
    },
  };
}
