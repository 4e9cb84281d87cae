import { everyFrame, type ClipHeader } from './every-frame.js';
import { FLOW_SIDES, type FlowResults, type FrameResults } from './frame-measures.js';
import { frameMemory, FrameSlots } from './frame-memory.js';
import { flowThread, frameThread, type ClipSession } from './frame-thread.js';
import { FLOW_PARAMS } from './optical-flow.js';
import type { VideoProbe } from './probe.js';
import { clipSampling, type ClipSampling } from './clip-sampling.js';

/**
 * How the model-free video metrics read a clip, recorded in every score's details: every decoded
 * frame of the first `clipSeconds` as it is in the file (its own timestamps, no frame-rate
 * conversion) at its own size (longest side capped); flow and per-frame quality on every
 * `round(fps / 8)`-th frame, as VBench's dynamic degree samples.
 */
export const CLIP_SAMPLING = { clipSeconds: 16, maxSide: 1280, flowRate: 8, ...FLOW_SIDES } as const;

export interface ClipMeasures extends FrameResults, Omit<FlowResults, 'flowSize'> {
  probe: VideoProbe;
  sampling: ClipSampling;
  /** Presentation time of each frame read, seconds from the start. */
  frameTimes: number[];
}

/** Frame slots per clip: the frame being read, the frames queued for the two threads, the previous frame and a quality measure in flight. */
const SLOTS = 6;

/**
 * One decoding pass that every model-free video metric reads: this thread reads the frames from
 * ffmpeg into the frame memory while the frame thread measures them and the flow thread takes the
 * flow of every flow-sampled frame, both where the frames lie (frame-measures.ts). Reading waits
 * for a free slot. Throws VideoDecodeError for a file ffmpeg cannot read.
 */
export async function measureClip(path: string, signal?: AbortSignal): Promise<ClipMeasures> {
  let header: ClipHeader | undefined;
  const frameTimes: number[] = [];
  let flowEvery = 1;
  let cut = false;
  let slots: FrameSlots | undefined;
  let sessions: { frames: ClipSession<FrameResults>; flow: ClipSession<FlowResults> } | undefined;
  try {
    const frames = everyFrame(path, {
      maxSide: CLIP_SAMPLING.maxSide,
      signal,
      onHeader: (h) => (header = h),
      frameBuffer: async (bytes) => {
        slots ??= new FrameSlots(frameMemory(), bytes, SLOTS);
        return (await slots.acquire(bytes)).view;
      },
    });
    for await (const frame of frames) {
      if (frame.index === 0) flowEvery = Math.max(1, Math.round((header!.fps ?? CLIP_SAMPLING.flowRate) / CLIP_SAMPLING.flowRate));
      sessions ??= { frames: frameThread.open(flowEvery, slots!), flow: flowThread.open(flowEvery, slots!) };
      if (frame.timeSec >= CLIP_SAMPLING.clipSeconds) {
        cut = true;
        break;
      }
      frameTimes.push(frame.timeSec);
      const slot = slots!.slotOf(frame.rgb);
      const toFlow = frame.index % flowEvery === 0;
      slots!.hold(slot, toFlow ? 2 : 1);
      sessions.frames.add({ ...frame, slot: slot.index });
      if (toFlow) sessions.flow.add({ ...frame, slot: slot.index });
    }
    const [measured, { flowSize, ...flow }] = await Promise.all([sessions!.frames.finish(), sessions!.flow.finish()]);
    const { probe, sampling } = clipSampling(header!, frameTimes, { cut, flowEvery, flowSize, clipSeconds: CLIP_SAMPLING.clipSeconds });
    return { probe, sampling, frameTimes, ...measured, ...flow };
  } finally {
    sessions?.frames.drop();
    sessions?.flow.drop();
    slots?.close();
  }
}

export const FLOW_PROVENANCE = {
  method: 'Horn-Schunck (1981) dense optical flow, coarse to fine with warping',
  params: FLOW_PARAMS,
  arithmetic: 'float32 Jacobi iterations, four pixels at a time (WebAssembly SIMD)',
  frames: `Rec. 601 luma, area-averaged to a ${CLIP_SAMPLING.flowShortSide}-pixel shortest side, 5-tap binomial smoothing, normalised to mean 128 and sd 32; every round(fps / ${CLIP_SAMPLING.flowRate})-th decoded frame`,
  units: `pixels of a frame scaled to a ${CLIP_SAMPLING.flowReferenceSide}-pixel shortest side`,
} as const;
