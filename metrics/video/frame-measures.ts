import { measurePixels, type TechnicalMeasures } from '../image-technical.js';
import { rgbForAnalysis } from '../image/pixels.js';
import { AbsDiffKernel } from './abs-diff-simd.js';
import { DUPLICATE_CHANGED, frameDiffInPlace, isBlackFrame } from './frame-math.js';
import { greyDownscaled, hornSchunck, type GreyImage } from './optical-flow.js';
import { topMagnitudeMean } from './top-magnitude.js';
import type { WasmMemory } from './wasm-module.js';

/** Flow frames: luma at this shortest side; magnitudes reported at the reference side (VBench's 256). */
export const FLOW_SIDES = { flowShortSide: 128, flowReferenceSide: 256 } as const;

/** One decoded frame as the measures read it: interleaved 8-bit RGB in a slot of the frame memory. */
export interface MeasuredFrame {
  index: number;
  timeSec: number;
  width: number;
  height: number;
  /** A view of the frame memory (frame-memory.ts). */
  rgb: Uint8Array;
  /** The slot it lies in, given back through `release` once the measures are done with it. */
  slot: number;
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
  /** Measures the frame, or starts to; its slot is released once nothing reads it any more. */
  add(frame: MeasuredFrame): void;
  /** Every result, once the last measure is done; rejects with the first failure. */
  results(): Promise<R>;
}

/** Called with a frame's slot once the measurer is done with it. */
export type Release = (slot: number) => void;

/** The thread's difference kernel over the frame memory: it alone uses the kernel's bytes of it. */
let kernel: AbsDiffKernel | undefined;

/** The measurer of a thread of this kind for a new clip. */
export function createMeasurer(kind: 'frames' | 'flow', memory: WasmMemory, flowEvery: number, release: Release): Measurer<unknown> {
  if (kind === 'flow') return new FlowMeasurer(release);
  kernel ??= new AbsDiffKernel(memory);
  return new FrameMeasurer(flowEvery, kernel, release);
}

/**
 * Every frame against the one before (difference, duplicate, black), and every `flowEvery`-th
 * frame's technical quality, all read where the frames lie: a frame is kept until the next one is
 * compared with it. The quality of a frame is measured by libvips on a thread of its own while the
 * next frames are measured here.
 */
export class FrameMeasurer implements Measurer<FrameResults> {
  private readonly found: Omit<FrameResults, 'quality'> = { pairDiffs: [], duplicates: [], blackFrameTimes: [] };
  private readonly quality: Promise<FrameResults['quality'][number]>[] = [];
  private previous: MeasuredFrame | undefined;
  /** Per slot held: how many measures still read it (the next frame's difference, the quality). */
  private readonly readers = new Map<number, number>();

  constructor(
    private readonly flowEvery: number,
    private readonly kernel: AbsDiffKernel,
    private readonly release: Release,
  ) {}

  add(frame: MeasuredFrame): void {
    const r = this.found;
    if (this.previous) {
      const diff = frameDiffInPlace(this.kernel, this.previous.rgb, frame.rgb);
      r.pairDiffs.push(diff.mae);
      r.duplicates.push(diff.changed < DUPLICATE_CHANGED);
      this.done(this.previous.slot);
    }
    this.previous = frame;
    this.readers.set(frame.slot, 1);
    if (isBlackFrame(frame.rgb)) r.blackFrameTimes.push(frame.timeSec);
    if (frame.index % this.flowEvery !== 0) return;
    this.readers.set(frame.slot, 2);
    const measured = rgbForAnalysis(frame.rgb, frame.width, frame.height).then((img) => ({
      timeSec: frame.timeSec,
      measures: measurePixels(img),
    }));
    this.quality.push(measured);
    void measured.finally(() => this.done(frame.slot)).catch(() => {});
  }

  async results(): Promise<FrameResults> {
    if (this.previous) this.done(this.previous.slot);
    this.previous = undefined;
    return { ...this.found, quality: await Promise.all(this.quality) };
  }

  private done(slot: number): void {
    const left = this.readers.get(slot)! - 1;
    if (left > 0) return void this.readers.set(slot, left);
    this.readers.delete(slot);
    this.release(slot);
  }
}

/** The flow of each flow-sampled frame (it is sent only those) from the one before; keeps the previous one as grey. */
export class FlowMeasurer implements Measurer<FlowResults> {
  private readonly found: FlowResults = { flow: [], flowSize: '' };
  private previousGrey: GreyImage | undefined;

  constructor(private readonly release: Release) {}

  add(frame: MeasuredFrame): void {
    const grey = greyDownscaled(frame.rgb, frame.width, frame.height, FLOW_SIDES.flowShortSide);
    this.release(frame.slot);
    this.found.flowSize = `${grey.width}x${grey.height}`;
    if (this.previousGrey) {
      const { u, v } = hornSchunck(this.previousGrey, grey);
      const magnitude = (topMagnitudeMean(u, v) * FLOW_SIDES.flowReferenceSide) / Math.min(grey.width, grey.height);
      this.found.flow.push({ magnitude, timeSec: frame.timeSec });
    }
    this.previousGrey = grey;
  }

  async results(): Promise<FlowResults> {
    return this.found;
  }
}
