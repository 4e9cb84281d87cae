import { measurePixels, type TechnicalMeasures } from '../image-technical.js';
import { rgbForAnalysis } from '../image/pixels.js';
import { DUPLICATE_CHANGED, FrameDiffs, isBlackFrame } from './frame-math.js';
import { greyDownscaled, hornSchunck, topMagnitudeMean, type GreyImage } from './optical-flow.js';

/** Flow frames: luma at this shortest side; magnitudes reported at the reference side (VBench's 256). */
export const FLOW_SIDES = { flowShortSide: 128, flowReferenceSide: 256 } as const;

/** One decoded frame as the measures read it: interleaved 8-bit RGB. */
export interface MeasuredFrame {
  index: number;
  timeSec: number;
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** What the per-frame measures found over a clip's frames, in order. */
export interface FrameResults {
  /** Mean absolute difference (0..255) of each consecutive pair of frames. */
  pairDiffs: number[];
  /** Whether each consecutive pair is a duplicate (a frozen or repeated frame). */
  duplicates: boolean[];
  blackFrameTimes: number[];
  /** Per flow pair: the mean of the top 5% magnitudes, in pixels at a 256-pixel shortest side, and the later frame's time. */
  flow: { magnitude: number; timeSec: number }[];
  /** Technical measures of the flow-sampled frames. */
  quality: { timeSec: number; measures: TechnicalMeasures }[];
  flowSize: string;
}

/**
 * The measures of one clip, frame by frame: every frame against the one before (difference,
 * duplicate, black), and every `flowEvery`-th frame's flow from the previous sampled one and its
 * technical quality. It keeps no frame: the previous one is in the difference kernel's memory,
 * the previous flow frame as grey. The quality of a frame is measured by libvips on a thread of
 * its own while the next frames are measured here: `add` returns once this thread is done with the
 * frame, with a promise that settles when its buffer is free again.
 */
export class FrameMeasurer {
  private readonly diffs = new FrameDiffs();
  private readonly found: Omit<FrameResults, 'quality'> = { pairDiffs: [], duplicates: [], blackFrameTimes: [], flow: [], flowSize: '' };
  private readonly quality: Promise<FrameResults['quality'][number]>[] = [];
  private previousGrey: GreyImage | undefined;

  constructor(private readonly flowEvery: number) {}

  add(frame: MeasuredFrame): { released: Promise<unknown> } {
    const r = this.found;
    const diff = this.diffs.next(frame.rgb);
    if (diff) {
      r.pairDiffs.push(diff.mae);
      r.duplicates.push(diff.changed < DUPLICATE_CHANGED);
    }
    if (isBlackFrame(frame.rgb)) r.blackFrameTimes.push(frame.timeSec);
    if (frame.index % this.flowEvery !== 0) return { released: Promise.resolve() };
    const measured = rgbForAnalysis(frame.rgb, frame.width, frame.height).then((img) => ({
      timeSec: frame.timeSec,
      measures: measurePixels(img),
    }));
    this.quality.push(measured);
    const grey = greyDownscaled(frame.rgb, frame.width, frame.height, FLOW_SIDES.flowShortSide);
    r.flowSize = `${grey.width}x${grey.height}`;
    if (this.previousGrey) {
      const { u, v } = hornSchunck(this.previousGrey, grey);
      const magnitude = (topMagnitudeMean(u, v) * FLOW_SIDES.flowReferenceSide) / Math.min(grey.width, grey.height);
      r.flow.push({ magnitude, timeSec: frame.timeSec });
    }
    this.previousGrey = grey;
    return { released: measured };
  }

  /** Every result, once the last quality measure is done; rejects with the first failure. */
  async results(): Promise<FrameResults> {
    return { ...this.found, quality: await Promise.all(this.quality) };
  }
}
