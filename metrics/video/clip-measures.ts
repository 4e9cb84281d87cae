import { measurePixels, type TechnicalMeasures } from '../image-technical.js';
import { rgbForAnalysis } from '../image/pixels.js';
import { everyFrame, type ClipHeader } from './every-frame.js';
import { DUPLICATE_CHANGED, frameDiff, isBlackFrame } from './frame-math.js';
import { greyDownscaled, hornSchunck, topMagnitudeMean, FLOW_PARAMS, type GreyImage } from './optical-flow.js';
import type { VideoProbe } from './probe.js';
import { clipSampling, type ClipSampling } from './clip-sampling.js';

/**
 * How the model-free video metrics read a clip, recorded in every score's details: every decoded
 * frame of the first `clipSeconds` as it is in the file (its own timestamps, no frame-rate
 * conversion) at its own size (longest side capped); flow and per-frame quality on every
 * `round(fps / 8)`-th frame, as VBench's dynamic degree samples.
 */
export const CLIP_SAMPLING = {
  clipSeconds: 16,
  maxSide: 1280,
  flowRate: 8,
  flowShortSide: 128,
  /** Flow magnitudes are reported in pixels of a frame whose shortest side is this (VBench's 256). */
  flowReferenceSide: 256,
} as const;

export interface ClipMeasures {
  probe: VideoProbe;
  sampling: ClipSampling;
  /** Presentation time of each frame read, seconds from the start. */
  frameTimes: number[];
  /** Mean absolute difference (0..255) of each consecutive pair of frames. */
  pairDiffs: number[];
  /** Whether each consecutive pair is a duplicate (a frozen or repeated frame). */
  duplicates: boolean[];
  blackFrameTimes: number[];
  /** Per flow pair: the mean of the top 5% magnitudes, in pixels at a 256-pixel shortest side, and the later frame's time. */
  flow: { magnitude: number; timeSec: number }[];
  /** Technical measures of the flow-sampled frames. */
  quality: { timeSec: number; measures: TechnicalMeasures }[];
}

/** One decoding pass that every model-free video metric reads. Throws VideoDecodeError for a file ffmpeg cannot read. */
export async function measureClip(path: string, signal?: AbortSignal): Promise<ClipMeasures> {
  let header: ClipHeader | undefined;
  const frameTimes: number[] = [];
  const pairDiffs: number[] = [];
  const duplicates: boolean[] = [];
  const blackFrameTimes: number[] = [];
  const flow: ClipMeasures['flow'] = [];
  const quality: ClipMeasures['quality'] = [];
  let previous: Uint8Array | undefined;
  let previousGrey: GreyImage | undefined;
  let flowEvery = 1;
  let flowSize = '';
  let cut = false;
  const frames = everyFrame(path, { maxSide: CLIP_SAMPLING.maxSide, signal, onHeader: (h) => (header = h) });
  for await (const frame of frames) {
    if (frame.timeSec >= CLIP_SAMPLING.clipSeconds) {
      cut = true;
      break;
    }
    if (frame.index === 0) flowEvery = Math.max(1, Math.round((header!.fps ?? CLIP_SAMPLING.flowRate) / CLIP_SAMPLING.flowRate));
    frameTimes.push(frame.timeSec);
    if (previous) {
      const diff = frameDiff(previous, frame.rgb);
      pairDiffs.push(diff.mae);
      duplicates.push(diff.changed < DUPLICATE_CHANGED);
    }
    previous = frame.rgb;
    if (isBlackFrame(frame.rgb)) blackFrameTimes.push(frame.timeSec);
    if (frame.index % flowEvery !== 0) continue;
    const grey = greyDownscaled(frame.rgb, frame.width, frame.height, CLIP_SAMPLING.flowShortSide);
    flowSize = `${grey.width}x${grey.height}`;
    if (previousGrey) {
      const { u, v } = hornSchunck(previousGrey, grey);
      flow.push({
        magnitude: (topMagnitudeMean(u, v) * CLIP_SAMPLING.flowReferenceSide) / Math.min(grey.width, grey.height),
        timeSec: frame.timeSec,
      });
    }
    previousGrey = grey;
    quality.push({ timeSec: frame.timeSec, measures: measurePixels(await rgbForAnalysis(frame.rgb, frame.width, frame.height)) });
  }
  const { probe, sampling } = clipSampling(header!, frameTimes, { cut, flowEvery, flowSize, clipSeconds: CLIP_SAMPLING.clipSeconds });
  return { probe, sampling, frameTimes, pairDiffs, duplicates, blackFrameTimes, flow, quality };
}

export const FLOW_PROVENANCE = {
  method: 'Horn-Schunck (1981) dense optical flow, coarse to fine with warping',
  params: FLOW_PARAMS,
  frames: `Rec. 601 luma, area-averaged to a ${CLIP_SAMPLING.flowShortSide}-pixel shortest side, 5-tap binomial smoothing, normalised to mean 128 and sd 32; every round(fps / ${CLIP_SAMPLING.flowRate})-th decoded frame`,
  units: `pixels of a frame scaled to a ${CLIP_SAMPLING.flowReferenceSide}-pixel shortest side`,
} as const;
