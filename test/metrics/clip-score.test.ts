import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Metric, MetricInput } from '../../core/types/metric.js';
import type { Language, Prompt } from '../../core/types/prompt.js';
import { createClipScore } from '../../metrics/clip-score.js';
import { imageEmbeddings } from '../../metrics/image/embedding-cache.js';
import { fileSha256 } from '../../metrics/runtime/onnx-session.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { IMAGES, REFERENCE, TINY_CHINESE_CLIP, TINY_CLIP } from './fixture-paths.js';

const tempDir = useTempDir();
const prompt: Prompt = { id: 'p1', category: 'scene', tags: [], text: { en: 'x', zh: '某' }, modality: 'image' };

function input(path: string, text: string, language: Language): MetricInput {
  let mediaHash: string;
  try {
    mediaHash = createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    mediaHash = `missing:${path}`;
  }
  return { path, mime: 'image/png', mediaHash, modality: 'image', prompt, language, text };
}

let metric: Metric | undefined;
afterEach(async () => {
  await metric?.dispose?.();
  metric = undefined;
  imageEmbeddings.clear();
});

describe('clip-score', () => {
  it('reports 100 * max(cos, 0) as the reference computes it, English to CLIP and Chinese to Chinese-CLIP', async () => {
    metric = createClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP });
    const en = REFERENCE['tiny-clip'].prompts[0]!;
    const zh = REFERENCE['tiny-chinese-clip'].prompts[0]!;
    const images = ['three_red_circles_512.png', 'rgba_256.png', 'gradient_640x480.png'];
    const batch = images.flatMap((img) => [input(`${IMAGES}/${img}`, en.text, 'en'), input(`${IMAGES}/${img}`, zh.text, 'zh')]);
    const results = await metric.score(batch);
    images.forEach((img, i) => {
      const [r1, r2] = [results[2 * i]!, results[2 * i + 1]!];
      expect(r1.value!).toBeCloseTo(en.clipscore_torchmetrics[img]!, 0);
      expect(Math.abs((r1.details.cos as number) - en.cos[img]!)).toBeLessThan(0.002);
      expect(r1.details.model).toBe(TINY_CLIP);
      expect(Math.abs((r2.details.cos as number) - zh.cos[img]!)).toBeLessThan(0.002);
      expect(r2.details.model).toBe(TINY_CHINESE_CLIP);
    });
    // three red circles has a negative cosine with the English prompt: the score clamps to 0.
    expect(en.cos['three_red_circles_512.png']!).toBeLessThan(0);
    expect(results[0]!.value).toBe(0);
  });

  it('gives null (does not apply), not a number, for an English-only model on Chinese text', async () => {
    metric = createClipScore({ en: TINY_CLIP, zh: TINY_CLIP });
    const [r] = await metric.score([input(`${IMAGES}/gradient_640x480.png`, '一只熊猫在竹林里吃竹子', 'zh')]);
    expect(r!.value).toBeNull();
    expect(r!.error).toBeUndefined();
    expect(r!.details).toMatchObject({ notApplicable: true });
  });

  it('embeds each image once per model, and scoring twice gives identical numbers', async () => {
    metric = createClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP });
    const texts = REFERENCE['tiny-clip'].prompts.slice(0, 4).map((p) => p.text);
    const batch = texts.map((t) => input(`${IMAGES}/wide_noise_1024x256.jpg`, t, 'en'));
    const first = await metric.score(batch);
    expect(imageEmbeddings.size).toBe(1);
    const misses = imageEmbeddings.misses;
    const second = await metric.score(batch);
    expect(imageEmbeddings.misses).toBe(misses);
    expect(second.map((r) => r.value)).toEqual(first.map((r) => r.value));
  });

  it('scores the good images of a batch and gives an error for each bad one', async () => {
    const { dir } = tempDir();
    const corrupt = join(dir, 'corrupt.png');
    writeFileSync(corrupt, Buffer.concat([readFileSync(`${IMAGES}/gradient_640x480.png`).subarray(0, 200), Buffer.alloc(100, 7)]));
    const onePixel = join(dir, 'one.png');
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#f00' } })
      .png()
      .toFile(onePixel);
    const cmyk = join(dir, 'cmyk.jpg');
    await sharp(`${IMAGES}/three_red_circles_512.png`).toColourspace('cmyk').jpeg().toFile(cmyk);
    const gif = join(dir, 'animated.gif');
    const frame = (c: string) =>
      sharp({ create: { width: 32, height: 32, channels: 3, background: c } })
        .png()
        .toBuffer();
    await sharp([await frame('#f00'), await frame('#0f0'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toFile(gif);
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(3);

    metric = createClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP });
    const text = 'a photo of three red circles on a white background';
    const paths = [corrupt, onePixel, cmyk, gif, join(dir, 'absent.png'), `${IMAGES}/three_red_circles_512.png`];
    const results = await metric.score(paths.map((p) => input(p, text, 'en')));
    expect(results[0]!.value).toBeNull();
    expect(results[0]!.error).toMatch(/cannot read image .*corrupt\.png/);
    expect(results[1]!.value).toBeNull();
    expect(results[1]!.error).toMatch(/cannot read image .*one\.png: 1x1 is smaller than the 8x8 minimum/);
    // A CMYK JPEG of the circles is converted to sRGB: its cosine stays close to the PNG's.
    expect(Math.abs((results[2]!.details.cos as number) - (results[5]!.details.cos as number))).toBeLessThan(0.02);
    // An animated GIF is scored on its first frame: the same number as that frame alone.
    expect(results[3]!.value).toBeTypeOf('number');
    const firstFrame = join(dir, 'first.png');
    await sharp(await frame('#f00')).toFile(firstFrame);
    const [alone] = await metric.score([input(firstFrame, text, 'en')]);
    expect(alone!.details.cos).toBeCloseTo(results[3]!.details.cos as number, 6);
    expect(results[4]!.error).toMatch(/cannot read image .*absent\.png/);
    expect(results[5]!.value).toBe(0);
  });

  it('records the model, the sha256 of each weight file and the preprocessing', async () => {
    metric = createClipScore({ en: TINY_CLIP, zh: TINY_CHINESE_CLIP });
    const p = (await metric.provenance()) as {
      en: { model: string; sha256: Record<string, string>; preprocessing: Record<string, unknown> };
      zh: { model: string };
    };
    expect(p.en.model).toBe(TINY_CLIP);
    expect(p.zh.model).toBe(TINY_CHINESE_CLIP);
    expect(p.en.sha256['onnx/vision_model.onnx']).toBe(await fileSha256(`${TINY_CLIP}/onnx/vision_model.onnx`));
    expect(p.en.preprocessing).toMatchObject({ crop: 'centre 224x224', resize: 'shortest edge 224, long edge floor(scaled)' });
  });

  it('fails at creation, naming model, file and command, when the default model is not in the cache', () => {
    expect(() => createClipScore({ env: { LOUPE_CACHE: tempDir().dir } })).toThrow(
      /model "Xenova\/clip-vit-base-patch32" is not available: .*config\.json is missing; fetch it with `loupe models pull Xenova\/clip-vit-base-patch32`/,
    );
  });
});
