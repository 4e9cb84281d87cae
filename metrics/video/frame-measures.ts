import { measurePixels, type TechnicalMeasures } from '../image-technical.js';
import { rgbForAnalysis } from '../image/pixels.js';
import { DUPLICATE_CHANGED, FrameDiffs, isBlackFrame } from './frame-math.js';
import { greyDownscaled, hornSchunck, type GreyImage } from './optical-flow.js';
import { topMagnitudeMean } from './top-magnitude.js';

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

/** What the frame thread found over a clip's frames, in order. */
export interface FrameResults {
  /** Mean absolute difference (0..255) of each consecutive pair of frames. */
  pairDiffs: number[];
  /** Whether each consecutive pair is a duplicate (a frozen or repeated frame). */
  duplicates: boolean[];
  blackFrameTimes: number[];
  /** Technical measures of the flow-sampled frames. */
  quality: { timeSec: number; measures: TechnicalMeasures }[];
}

/** What the flow thread found over the flow-sampled frames, in order. */
export interface FlowResults {
  /** Per flow pair: the mean of the top 5% magnitudes, in pixels at a 256-pixel shortest side, and the later frame's time. */
  flow: { magnitude: number; timeSec: number }[];
  flowSize: string;
}

/** What a measuring thread does with the frames of a clip it is sent, in order. */
export interface Measurer<R> {
  /** Returns once the thread is done with the frame, with a promise that settles when its buffer is free again. */
  add(frame: MeasuredFrame): { released: Promise<unknown> };
  /** Every result, once the last measure is done; rejects with the first failure. */
  results(): Promise<R>;
}

/**
 * Every frame against the one before (difference, duplicate, black), and every `flowEvery`-th
 * frame's technical quality. It keeps no frame: the previous one is in the difference kernel's
 * memory. The quality of a frame is measured by libvips on a thread of its own while the next
 * frames are measured here.
 */
export class FrameMeasurer implements Measurer<FrameResults> {
  private readonly diffs = new FrameDiffs();
  private readonly found: Omit<FrameResults, 'quality'> = { pairDiffs: [], duplicates: [], blackFrameTimes: [] };
  private readonly quality: Promise<FrameResults['quality'][number]>[] = [];

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
    return { released: measured };
  }

  async results(): Promise<FrameResults> {
    return { ...this.found, quality: await Promise.all(this.quality) };
  }
}

/** The flow of each flow-sampled frame (it is sent only those) from the one before; keeps the previous one as grey. */
export class FlowMeasurer implements Measurer<FlowResults> {
  private readonly found: FlowResults = { flow: [], flowSize: '' };
  private previousGrey: GreyImage | undefined;

  add(frame: MeasuredFrame): { released: Promise<unknown> } {
    const grey = greyDownscaled(frame.rgb, frame.width, frame.height, FLOW_SIDES.flowShortSide);
    this.found.flowSize = `${grey.width}x${grey.height}`;
    if (this.previousGrey) {
      const { u, v } = hornSchunck(this.previousGrey, grey);
      const magnitude = (topMagnitudeMean(u, v) * FLOW_SIDES.flowReferenceSide) / Math.min(grey.width, grey.height);
      this.found.flow.push({ magnitude, timeSec: frame.timeSec });
    }
    this.previousGrey = grey;
    return { released: Promise.resolve() };
  }

  async results(): Promise<FlowResults> {
    return this.found;
  }
}
