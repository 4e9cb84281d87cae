import { IMAGE_BATCH } from '../image/clip-embed.js';
import type { ClipModel } from '../image/clip-model.js';
import { preprocessRgb } from '../image/clip-preprocess.js';
import { probeVideo } from './probe.js';
import { sampleFrames } from './sample-frames.js';

/**
 * How the CLIP-based video metrics sample a clip: frames at this rate over the first `clipSeconds`,
 * decoded at the clip's own size so that the CLIP preprocessing (Pillow bicubic, centre crop) runs
 * on the same pixels as for a still image of that frame.
 */
export const CLIP_FRAMES = { fps: 4, clipSeconds: 16 } as const;

export interface FrameEmbeddings {
  times: number[];
  /** Unnormalised image embeddings, one per sampled frame. */
  embeddings: Float32Array[];
  sampling: { frames: number; fps: number; width: number; height: number; clipSeconds: number };
}

const CAPACITY = 256;
const cache = new Map<string, Promise<FrameEmbeddings>>();

/** Image embeddings of a clip's sampled frames, cached by model and media hash (every CLIP video metric shares them). */
export function embedVideoFrames(model: ClipModel, input: { path: string; mediaHash: string }): Promise<FrameEmbeddings> {
  const key = `${model.visionGraph}\u0000${input.mediaHash}\u0000${input.path}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  const pending = embed(model, input.path);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  cache.set(key, pending);
  while (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
  return pending;
}

export function clearFrameEmbeddings(): void {
  cache.clear();
}

async function embed(model: ClipModel, path: string): Promise<FrameEmbeddings> {
  const probe = await probeVideo(path);
  const times: number[] = [];
  const embeddings: Float32Array[] = [];
  let pixels: Float32Array[] = [];
  const flush = async () => {
    embeddings.push(...(await model.embedPixels(pixels)));
    pixels = [];
  };
  for await (const frame of sampleFrames(path, { fps: CLIP_FRAMES.fps, width: probe.width, height: probe.height }, { probe })) {
    if (frame.timeSec >= CLIP_FRAMES.clipSeconds) break;
    times.push(frame.timeSec);
    pixels.push((await preprocessRgb(frame.rgb, frame.width, frame.height, model.image)).data);
    if (pixels.length === IMAGE_BATCH) await flush();
  }
  await flush();
  return {
    times,
    embeddings,
    sampling: {
      frames: times.length,
      fps: CLIP_FRAMES.fps,
      width: probe.width,
      height: probe.height,
      clipSeconds: CLIP_FRAMES.clipSeconds,
    },
  };
}
