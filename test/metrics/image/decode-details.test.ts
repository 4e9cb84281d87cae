import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricInput, MetricResult, Prompt } from '../../../core/types/index.js';
import { createAesthetic } from '../../../metrics/aesthetic.js';
import { createClipScore } from '../../../metrics/clip-score.js';
import { createCount } from '../../../metrics/count-objects.js';
import { imageEmbeddings } from '../../../metrics/image/embedding-cache.js';
import { createOcrText } from '../../../metrics/ocr-text.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { FIXTURES, TINY_CLIP } from '../fixture-paths.js';
import { writeTinyAestheticHead } from '../mlp-onnx.js';
import { original, SIZE, untaggedCmykJpeg } from './colour-files.js';

const tempDir = useTempDir();
const prompt: Prompt = {
  id: 'p',
  category: 'text-rendering',
  tags: [],
  text: { en: 'a sign that says "OPEN 24 HOURS"' },
  expect: { text: 'OPEN 24 HOURS', count: { object: 'sign', n: 1 } },
  modality: 'image',
};
const NAIVE = 'none, naive CMYK inversion (as browsers and Pillow)';

/** The same picture as an sRGB PNG, an untagged CMYK JPEG, a Display P3 PNG and a half-transparent RGBA PNG. */
async function files(name: string, picture: () => Sharp): Promise<Record<'srgb' | 'cmyk' | 'p3' | 'rgba', string>> {
  const { dir } = tempDir();
  const { data, info } = await picture().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const bytes = {
    srgb: await picture().png().toBuffer(),
    cmyk: await untaggedCmykJpeg(data, info.width, info.height),
    p3: await picture().withIccProfile('p3').png().toBuffer(),
    rgba: await picture().ensureAlpha(0.5).png().toBuffer(),
  };
  const paths = Object.fromEntries(Object.keys(bytes).map((k) => [k, join(dir, `${name}-${k}`)])) as Record<keyof typeof bytes, string>;
  for (const k of Object.keys(bytes) as (keyof typeof bytes)[]) writeFileSync(paths[k], bytes[k]);
  return paths;
}

const input = (path: string): MetricInput => ({
  path,
  mime: 'image/*',
  mediaHash: path,
  modality: 'image',
  prompt,
  language: 'en',
  text: prompt.text.en!,
});
const decodeOf = (r: MetricResult) => (expect(r.error).toBeUndefined(), r.details.decode as Record<string, unknown>);

describe('what decoding did, in the details of every metric that reads an image file', () => {
  let blocks: Awaited<ReturnType<typeof files>>;
  const metrics: Metric[] = [];
  beforeAll(async () => void (blocks = await files('blocks', original)));
  afterAll(async () => {
    await Promise.all(metrics.map((m) => m.dispose?.()));
    imageEmbeddings.clear();
  });
  const use = (m: Metric) => (metrics.push(m), m);

  it('clip-score and aesthetic (CLIP embeddings, also from the cache) and count (OWL-ViT) say what was converted and dropped', async () => {
    const head = tempDir().dir;
    writeTinyAestheticHead(head);
    const clip = use(createClipScore({ en: TINY_CLIP, zh: TINY_CLIP }));
    const aesthetic = use(createAesthetic({ clip: TINY_CLIP, head }));
    const count = use(createCount({ model: `${FIXTURES}models/tiny-owlvit` }));
    const batch = [blocks.srgb, blocks.cmyk, blocks.p3, blocks.rgba].map(input);
    for (const m of [clip, aesthetic, count, clip]) {
      const [srgb, cmyk, p3, rgba] = await m.score(batch);
      expect(decodeOf(srgb!), m.id).toMatchObject({ format: 'png', colourSpace: 'srgb', profile: 'none, assumed sRGB', alpha: 'none' });
      expect(decodeOf(cmyk!), m.id).toMatchObject({ format: 'jpeg', colourSpace: 'cmyk', profile: NAIVE, sourceSize: `${SIZE}x${SIZE}` });
      expect(decodeOf(p3!), m.id).toMatchObject({ profile: 'embedded: sP3C', bitDepth: 8 });
      expect(decodeOf(rgba!), m.id).toMatchObject({ alpha: 'dropped', frames: 'single' });
    }
    expect(imageEmbeddings.hits).toBeGreaterThan(0);
    // The models see the converted pixels: the converted files embed like the sRGB original (the
    // CMYK file within 0.0003; read through libvips' print profile instead, it was 0.003 off).
    const [srgb, cmyk, p3] = await clip.score(batch);
    expect(Math.abs((cmyk!.details.cos as number) - (srgb!.details.cos as number))).toBeLessThan(0.001);
    expect(Math.abs((p3!.details.cos as number) - (srgb!.details.cos as number))).toBeLessThan(0.001);
  });
});
