import type { AskedMedia, Metric } from '../core/types/index.js';
import { MeasureCache } from './image/measure-cache.js';
import { CLIP_SAMPLING, measureClip, FLOW_PROVENANCE, type ClipMeasures } from './video/clip-measures.js';
import { frameQualitySpecs } from './video/frame-quality.js';
import { videoMetric, type VideoMeasureSpec } from './video/measure-metric.js';
import { BLACK_PICTURE_RATIO, BLACK_PIXEL_LUMA, CHANGE_LEVEL, DUPLICATE_CHANGED, flickerScore, mean } from './video/frame-math.js';

/** VBench dynamic degree: a pair moves when its top-5% flow mean exceeds 6 pixels at a 256-pixel shortest side. */
export const MOTION_THRESHOLD = 6;
/** VBench: the clip is dynamic when round(4 * pairs / 16) pairs move (at least one here). */
const pairsNeeded = (pairs: number) => Math.max(1, Math.round((4 * pairs) / 16));

/** The video checks' tolerances. */
export const CHECKS = { maxDuplicateFraction: 0.1, durationTolerance: { seconds: 0.5, fraction: 0.1 }, fpsTolerance: 0.5 } as const;

/** The working resolution of flicker and of the duplicate and black checks: VBench's flicker reads whole frames. */
const FULL_FRAMES = `every decoded frame of the first ${CLIP_SAMPLING.clipSeconds} s at its display size (longest side capped at ${CLIP_SAMPLING.maxSide}, never enlarged), 8-bit RGB from ffmpeg`;

const flicker: VideoMeasureSpec = {
  id: 'flicker',
  description:
    'VBench temporal flickering: (255 - mean absolute difference of consecutive frames) / 255; 1 is perfectly steady. A still clip scores 1: read it next to motion.',
  range: [0, 1],
  direction: 'higher-is-better',
  provenance: {
    formula: '(255 - mean_t mean|frame_t - frame_{t-1}|) / 255 over 8-bit RGB, every frame',
    frames: FULL_FRAMES,
    source: 'Huang et al. 2024, VBench: temporal flickering',
  },
  pick: (a) => ({
    value: flickerScore(a.pairDiffs),
    details: { meanAbsDiff: mean(a.pairDiffs), maxAbsDiff: a.pairDiffs.length ? Math.max(...a.pairDiffs) : null },
  }),
};

const motion: VideoMeasureSpec = {
  id: 'motion',
  // 2: the Jacobi iterations in float32 (flow-jacobi-simd.ts); version 1 iterated in float64.
  version: '2',
  description: `Motion amount (VBench dynamic degree in spirit): mean over frame pairs of the top-5% Horn-Schunck flow magnitude, in pixels at a 256-pixel shortest side; "dynamic" when enough pairs exceed ${MOTION_THRESHOLD}.`,
  range: [0, 512],
  direction: 'higher-is-better',
  provenance: {
    ...FLOW_PROVENANCE,
    formula: 'mean over pairs of mean(top 5% of |flow|)',
    dynamic: `at least max(1, round(4 * pairs / 16)) pairs above ${MOTION_THRESHOLD}`,
    source: 'Huang et al. 2024, VBench: dynamic degree (RAFT there; Horn-Schunck here)',
  },
  pick(a) {
    const magnitudes = a.flow.map((f) => f.magnitude);
    const above = magnitudes.filter((m) => m > MOTION_THRESHOLD).length;
    const needed = pairsNeeded(magnitudes.length);
    return {
      value: mean(magnitudes),
      details: {
        dynamic: magnitudes.length > 0 ? above >= needed : null,
        threshold: MOTION_THRESHOLD,
        pairs: magnitudes.length,
        pairsAbove: above,
        pairsNeeded: needed,
        maxPair: magnitudes.length ? Math.max(...magnitudes) : null,
      },
    };
  },
};

interface Check {
  pass: boolean;
  measured: unknown;
  expected: unknown;
}

/** The longest stretch of duplicate pairs, in seconds of the frames' own timestamps (a variable-rate clip's frames differ in length). */
function longestFrozenSec(dup: readonly boolean[], times: readonly number[]): number {
  let best = 0,
    from: number | undefined;
  dup.forEach((d, k) => {
    if (!d) from = undefined;
    else best = Math.max(best, times[k + 1]! - (from ??= times[k]!));
  });
  return Math.round(best * 1000) / 1000;
}

function runChecks(a: ClipMeasures, asked: AskedMedia = {}): Record<string, Check> {
  const p = a.probe;
  const dup = a.duplicates;
  const dupFraction = dup.length ? dup.filter(Boolean).length / dup.length : 0;
  const checks: Record<string, Check> = {
    frozen: {
      pass: dupFraction <= CHECKS.maxDuplicateFraction,
      measured: { duplicateFraction: dupFraction, longestFrozenSec: longestFrozenSec(dup, a.frameTimes) },
      expected: `duplicate pairs (< ${DUPLICATE_CHANGED * 100}% of values changed by > ${CHANGE_LEVEL}) <= ${CHECKS.maxDuplicateFraction}`,
    },
    black: {
      pass: a.blackFrameTimes.length === 0,
      measured: { blackFrames: a.blackFrameTimes.length, firstAtSec: a.blackFrameTimes[0] ?? null },
      expected: `no frame with ${BLACK_PICTURE_RATIO * 100}% of pixels at luma <= ${BLACK_PIXEL_LUMA}`,
    },
  };
  if (asked.durationSec !== undefined) {
    const tol = Math.max(CHECKS.durationTolerance.seconds, CHECKS.durationTolerance.fraction * asked.durationSec);
    checks.duration = {
      pass: Math.abs(p.durationSec - asked.durationSec) <= tol,
      measured: p.durationSec,
      expected: `${asked.durationSec} ± ${tol} s`,
    };
  }
  if (asked.width !== undefined && asked.height !== undefined) {
    // The probe gives the displayed size (rotation applied), which is what was asked for.
    checks.resolution = {
      pass: p.width === asked.width && p.height === asked.height,
      measured: `${p.width}x${p.height}`,
      expected: `${asked.width}x${asked.height}`,
    };
  }
  if (asked.fps !== undefined) {
    checks.fps = {
      pass: Math.abs(p.fps - asked.fps) <= CHECKS.fpsTolerance,
      measured: p.fps,
      expected: `${asked.fps} ± ${CHECKS.fpsTolerance}`,
    };
  }
  return checks;
}

const videoChecks: VideoMeasureSpec = {
  id: 'video-checks',
  description:
    'Fraction of technical checks passed: no frozen or duplicated frames, no black frames, and duration, resolution and frame rate as asked (those last three when the generator config says).',
  range: [0, 1],
  direction: 'higher-is-better',
  provenance: {
    formula: 'checks passed / checks that apply',
    frames: `duplicates and black frames on ${FULL_FRAMES}`,
    checks: CHECKS,
    duplicate: { changedFraction: DUPLICATE_CHANGED, level: CHANGE_LEVEL },
    black: { pixelLuma: BLACK_PIXEL_LUMA, pictureRatio: BLACK_PICTURE_RATIO, source: 'ffmpeg blackdetect defaults' },
  },
  pick(a, input) {
    const checks = runChecks(a, input.asked);
    const all = Object.values(checks);
    return {
      value: all.filter((c) => c.pass).length / all.length,
      details: { failed: Object.keys(checks).filter((k) => !checks[k]!.pass), checks, probe: a.probe },
    };
  },
};

/** Flicker, motion, the technical checks and per-frame technical quality: no model weights needed; one decode per clip. */
export function createVideoMetrics(): Metric[] {
  const cache = new MeasureCache<ClipMeasures>(measureClip, 64);
  return [flicker, motion, videoChecks, ...frameQualitySpecs()].map((spec) => videoMetric(spec, cache));
}
