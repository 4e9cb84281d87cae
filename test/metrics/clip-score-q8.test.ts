import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Metric, MetricInput } from '../../core/types/metric.js';
import type { Prompt } from '../../core/types/prompt.js';
import { createClipScore } from '../../metrics/clip-score.js';
import { imageEmbeddings } from '../../metrics/image/embedding-cache.js';
import { createMetrics } from '../../metrics/registry.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { IMAGES, REFERENCE, TINY_CLIP } from './fixture-paths.js';
import { withQ8Graphs } from './q8-fixture.js';

const tempDir = useTempDir();
const prompt: Prompt = { id: 'p1', category: 'scene', tags: [], text: { en: 'x' }, modality: 'image' };
const images = ['three_red_circles_512.png', 'gradient_640x480.png', 'wide_noise_1024x256.jpg'];
const inputs = (text: string): MetricInput[] =>
  images.map((img) => {
    const path = `${IMAGES}/${img}`;
    const mediaHash = createHash('sha256').update(readFileSync(path)).digest('hex');
    return { path, mime: 'image/png', mediaHash, modality: 'image', prompt, language: 'en', text };
  });

const made: Metric[] = [];
afterEach(async () => {
  for (const m of made.splice(0)) await m.dispose?.();
  imageEmbeddings.clear();
});

describe('clip-score with q8 weights', () => {
  it('is clip-score@q8, says q8 and the quantized files in its provenance, and scores near fp32 without sharing its cached embeddings', async () => {
    const folder = withQ8Graphs(TINY_CLIP, join(tempDir().dir, 'tiny-clip'));
    const fp32 = createClipScore({ en: folder, zh: folder });
    const q8 = createClipScore({ en: folder, zh: folder, precision: { en: 'q8', zh: 'q8' } });
    made.push(fp32, q8);
    expect(fp32.id).toBe('clip-score');
    expect(q8.id).toBe('clip-score@q8');

    const text = REFERENCE['tiny-clip'].prompts[0]!.text;
    const a = await fp32.score(inputs(text));
    const b = await q8.score(inputs(text)); // same media hashes: a shared cache would hand back fp32 embeddings
    const provenance = await q8.provenance!();
    expect(provenance).toMatchObject({ metric: 'clip-score@q8', en: { precision: 'q8' } });
    const sha = (provenance.en as { sha256: Record<string, string> }).sha256;
    expect(Object.keys(sha)).toContain('onnx/vision_model_quantized.onnx');
    expect(Object.keys(sha)).not.toContain('onnx/vision_model.onnx');
    expect(sha['onnx/vision_model_quantized.onnx']).toBe(
      createHash('sha256')
        .update(readFileSync(join(folder, 'onnx', 'vision_model_quantized.onnx')))
        .digest('hex'),
    );
    expect((await fp32.provenance!()).en).toMatchObject({ precision: 'fp32' });

    // The fp32 cosines are the reference's (Hugging Face); q8 moves them a little, not nothing.
    const cos = (r: (typeof a)[number]) => r.details.cos as number;
    images.forEach((img, i) => expect(Math.abs(cos(a[i]!) - REFERENCE['tiny-clip'].prompts[0]!.cos[img]!)).toBeLessThan(0.002));
    const drift = images.map((_, i) => Math.abs(cos(a[i]!) - cos(b[i]!)));
    expect(Math.max(...drift)).toBeGreaterThan(0);
    expect(Math.max(...drift)).toBeLessThan(0.05);
  });

  it('is built as clip-score@q8 by the registry from a precision per model role', () => {
    const folder = withQ8Graphs(TINY_CLIP, join(tempDir().dir, 'tiny-clip'));
    const metrics = createMetrics({ models: { 'clip-en': folder, 'clip-zh': folder }, precision: { 'clip-en': 'q8' }, onNotice: () => {} });
    made.push(...metrics);
    const ids = metrics.map((m) => m.id);
    expect(ids).toContain('clip-score@q8');
    expect(ids).toContain('temporal-consistency@q8');
    expect(ids).not.toContain('clip-score');
  });
});
