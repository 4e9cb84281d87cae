import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRequest, GenerationResult } from '../../../core/types/generator.js';
import type { Prompt } from '../../../core/types/prompt.js';
import { probeVideo } from '../../../metrics/video/probe.js';
import { sampleFrames } from '../../../metrics/video/sample-frames.js';
import { createSyntheticGenerator, type SyntheticConfigInput } from '../../../models/synthetic/generator.js';
import { planSynthetic, requestRandom } from '../../../models/synthetic/plan.js';
import type { SyntheticVideo } from '../../../models/synthetic/video.js';
import { framePlans } from '../../../models/synthetic/video-motion.js';
import { childFfmpegs } from '../../metrics/video/decode-clips.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-synthetic-video-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const prompt = (id: string, expect?: Prompt['expect']): Prompt => ({
  id,
  category: 'motion',
  tags: [],
  text: { en: `prompt ${id}` },
  modality: 'video',
  expect,
});
const BALLS = prompt('three-balls', { count: { object: 'ball', n: 3 } });
const SIGN = prompt('welcome-sign', { text: '欢迎光临' });
const SCENE = prompt('village');

const request = (p: Prompt, over: Partial<GenerationRequest> = {}): GenerationRequest => ({
  prompt: p,
  language: 'en',
  text: p.text.en ?? '',
  seed: 7,
  sample: 0,
  modality: 'video',
  ...over,
});
const SMALL = { width: 96, height: 64, durationSec: 1.5, fps: 8 };
const config = (video: Partial<SyntheticVideo> = {}): SyntheticConfigInput => ({
  id: 'syn',
  type: 'synthetic',
  video: { ...SMALL, ...video },
});
const ctx = () => ({ signal: new AbortController().signal });

function clip(result: GenerationResult): Uint8Array {
  if (!result.ok) throw new Error(`expected a video, got ${result.error.category}: ${result.error.message}`);
  return result.media.bytes;
}

let files = 0;
/** Every frame of a generated clip, decoded at its own size, as grey levels (the mean of R, G and B). */
async function framesOf(video: Partial<SyntheticVideo>, p = SCENE): Promise<Float64Array[]> {
  const path = join(dir, `clip-${files++}.mp4`);
  await writeFile(path, clip(await createSyntheticGenerator(config(video)).generate(request(p), ctx())));
  const out: Float64Array[] = [];
  for await (const f of sampleFrames(path, { frames: 1000, width: SMALL.width, height: SMALL.height })) {
    const grey = new Float64Array(f.width * f.height);
    for (let i = 0; i < grey.length; i++) grey[i] = (f.rgb[3 * i]! + f.rgb[3 * i + 1]! + f.rgb[3 * i + 2]!) / 3;
    out.push(grey);
  }
  return out;
}

function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}
/** Mean absolute pixel change between each frame and the next. */
const changes = (frames: Float64Array[]): number[] => frames.slice(1).map((f, i) => mean(f.map((v, j) => Math.abs(v - frames[i]![j]!))));
/** Change of mean brightness between each frame and the next. */
const brightnessSteps = (frames: Float64Array[]): number[] => frames.slice(1).map((f, i) => Math.abs(mean(f) - mean(frames[i]!)));

describe('synthetic generator: video', () => {
  it('answers video requests with an MP4 that probes with the asked size, rate and length', async () => {
    const result = await createSyntheticGenerator(config()).generate(request(BALLS), ctx());
    expect(result.ok && result.media).toMatchObject({ mime: 'video/mp4', width: 96, height: 64, durationSec: 1.5, fps: 8 });
    const path = join(dir, 'probe.mp4');
    await writeFile(path, clip(result));
    expect(await probeVideo(path)).toMatchObject({ codec: 'h264', width: 96, height: 64, fps: 8, durationSec: 1.5, frameCount: 12 });
  });

  it('gives the same bytes for the same request, other bytes for another seed', async () => {
    for (const p of [BALLS, SIGN]) {
      const video = { flicker: 0.3, frozenRate: 0.2, jumpRate: 0.5 };
      const a = clip(await createSyntheticGenerator(config(video)).generate(request(p), ctx()));
      const b = clip(await createSyntheticGenerator(config(video)).generate(request(p), ctx()));
      const c = clip(await createSyntheticGenerator(config(video)).generate(request(p, { seed: 8 }), ctx()));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    }
  });

  it('makes a still clip with motion 0 and a moving one with motion 1', async () => {
    const still = changes(await framesOf({ motion: 0 }));
    const moving = changes(await framesOf({ motion: 1 }));
    expect(Math.max(...still)).toBeLessThan(0.5);
    expect(Math.min(...moving)).toBeGreaterThan(2 * Math.max(...still));
    expect(mean(moving)).toBeGreaterThan(1);
  });

  it('flickers: frame brightness jumps more with flicker than without', async () => {
    const steady = mean(brightnessSteps(await framesOf({ flicker: 0 })));
    const flicker = mean(brightnessSteps(await framesOf({ flicker: 0.8 })));
    expect(flicker).toBeGreaterThan(5 * steady);
    expect(flicker).toBeGreaterThan(3);
  });

  it('repeats frames with frozenRate, and never without', async () => {
    const frozen = (steps: number[]): number => steps.filter((d) => d < 0.5).length;
    expect(frozen(changes(await framesOf({ motion: 1, frozenRate: 0 })))).toBe(0);
    const repeats = frozen(changes(await framesOf({ motion: 1, frozenRate: 0.5 })));
    expect(repeats).toBeGreaterThanOrEqual(2);
    expect(repeats).toBeLessThanOrEqual(9);
  });

  it('lets objects vanish and come back elsewhere with jumpRate 1', () => {
    const req = request(BALLS);
    const plan = planSynthetic(req, { width: 96, height: 64, miscountRate: 0, wrongTextRate: 0 });
    const knobs = { frames: 12, width: 96, height: 64, motion: 0, jumpRate: 1 };
    const frames = framePlans(plan, knobs, (s) => requestRandom(req, s));
    const counts = frames.map((f) => f.shapes.length);
    expect(Math.min(...counts)).toBeLessThan(3);
    expect(counts[0]).toBe(3);
    expect(counts[11]).toBe(3);
    expect(frames[11]!.shapes.some((s, i) => s.cx !== plan.shapes[i]!.cx || s.cy !== plan.shapes[i]!.cy)).toBe(true);
    const calm = framePlans(plan, { ...knobs, jumpRate: 0 }, (s) => requestRandom(req, s));
    expect(calm.every((f) => JSON.stringify(f.shapes) === JSON.stringify(plan.shapes))).toBe(true);
  });

  it('puts every video knob in identity(), so changing one makes new generations', () => {
    const a = createSyntheticGenerator(config()).identity();
    expect(a.video).toEqual({ ...SMALL, motion: 0.5, flicker: 0, frozenRate: 0, jumpRate: 0 });
    for (const knob of ['flicker', 'frozenRate', 'jumpRate', 'motion'] as const) {
      expect(createSyntheticGenerator(config({ [knob]: 0.25 })).identity()).not.toEqual(a);
    }
  });

  it('refuses odd frame sizes, which H.264 in 4:2:0 cannot encode', async () => {
    const { SyntheticConfigSchema } = await import('../../../models/synthetic/generator.js');
    expect(() => SyntheticConfigSchema.parse(config({ width: 97 }))).toThrow();
    expect(SyntheticConfigSchema.parse({ id: 'a', type: 'synthetic' }).video).toEqual({
      width: 256,
      height: 256,
      durationSec: 2,
      fps: 8,
      motion: 0.5,
      flicker: 0,
      frozenRate: 0,
      jumpRate: 0,
    });
  });

  it('returns cancelled, with no ffmpeg left running, when aborted', async () => {
    const controller = new AbortController();
    const pending = createSyntheticGenerator(config()).generate(request(SCENE), { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { category: 'cancelled' } });
    expect(childFfmpegs()).toEqual([]);
  });
});
