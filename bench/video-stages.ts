// Where the model-free video metrics spend their time on one clip: the decode into JS (ffmpeg
// decoding, RGB conversion and the pipe, while JS waits) and each per-frame stage of measureClip,
// timed separately in one pass over the frames, each as frame-measures.ts computes it.
import { measurePixels } from '../metrics/image-technical.js';
import { rgbForAnalysis } from '../metrics/image/pixels.js';
import { CLIP_SAMPLING } from '../metrics/video/clip-measures.js';
import { AbsDiffKernel } from '../metrics/video/abs-diff-simd.js';
import { everyFrame } from '../metrics/video/every-frame.js';
import { FrameMemory, FrameSlots, type FrameSlot } from '../metrics/video/frame-memory.js';
import { frameDiffInPlace, isBlackFrame } from '../metrics/video/frame-math.js';
import { greyDownscaled, hornSchunck, type GreyImage } from '../metrics/video/optical-flow.js';
import { topMagnitudeMean } from '../metrics/video/top-magnitude.js';

export async function stageSeconds(path: string): Promise<Record<string, number>> {
  const spent = { decode: 0, diff: 0, black: 0, grey: 0, flow: 0, quality: 0 };
  // Frames in slots of a frame memory of their own, compared in place, as the frame thread does.
  const memory = new FrameMemory();
  const kernel = new AbsDiffKernel(memory.memory);
  let slots: FrameSlots | undefined;
  let previous: FrameSlot | undefined;
  let previousGrey: GreyImage | undefined;
  let flowEvery = 1;
  let mark = performance.now();
  const lap = (stage: keyof typeof spent) => {
    const now = performance.now();
    spent[stage] += (now - mark) / 1000;
    mark = now;
  };
  const frames = everyFrame(path, {
    maxSide: CLIP_SAMPLING.maxSide,
    onHeader: (h) => (flowEvery = Math.max(1, Math.round((h.fps ?? 8) / 8))),
    frameBuffer: async (bytes) => {
      slots ??= new FrameSlots(memory, bytes, 2);
      return (await slots.acquire(bytes)).view;
    },
  });
  for await (const f of frames) {
    lap('decode');
    const slot = slots!.slotOf(f.rgb);
    if (previous) frameDiffInPlace(kernel, previous.view, f.rgb);
    lap('diff');
    isBlackFrame(f.rgb);
    lap('black');
    if (previous) slots!.hold(previous, 0);
    previous = slot;
    if (f.index % flowEvery !== 0) continue;
    const grey = greyDownscaled(f.rgb, f.width, f.height, CLIP_SAMPLING.flowShortSide);
    lap('grey');
    if (previousGrey) {
      const { u, v } = hornSchunck(previousGrey, grey);
      topMagnitudeMean(u, v);
    }
    previousGrey = grey;
    lap('flow');
    measurePixels(await rgbForAnalysis(f.rgb, f.width, f.height));
    lap('quality');
  }
  return spent;
}
