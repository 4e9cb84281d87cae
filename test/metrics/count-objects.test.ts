import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricInput } from '../../core/types/metric.js';
import type { Prompt } from '../../core/types/prompt.js';
import { countBucket, createCount } from '../../metrics/count-objects.js';
import { centreToCorners, detectionsFor, iou, nonMaxSuppression, sigmoid, type Box } from '../../metrics/image/detection-boxes.js';
import { locateModel } from '../../metrics/runtime/weights-cache.js';
import { OwlVitDetector } from '../../metrics/image/owlvit-detector.js';
import { FIXTURES, IMAGES } from './fixture-paths.js';

const TINY_OWLVIT = `${FIXTURES}models/tiny-owlvit`;
interface OwlRef {
  queries: string[];
  images: Record<string, { input_ids: number[][]; top5_patch: number[]; top5_logits: number[][]; top5_boxes_cxcywh: number[][] }>;
}
const REF = JSON.parse(readFileSync(`${FIXTURES}models/owlvit-reference.json`, 'utf8')) as OwlRef;

describe('box conversion and NMS', () => {
  it('converts relative centre boxes to clamped pixel corners', () => {
    expect(centreToCorners(0.5, 0.5, 0.5, 0.25, 640, 480)).toEqual({ x1: 160, y1: 180, x2: 480, y2: 300 });
    expect(centreToCorners(0, 1, 0.2, 0.2, 100, 100)).toEqual({ x1: 0, y1: 90, x2: 10, y2: 100 });
  });

  it('keeps the best of overlapping boxes and every separate one', () => {
    const a: Box = { x1: 0, y1: 0, x2: 10, y2: 10, score: 0.9 };
    const b: Box = { x1: 1, y1: 1, x2: 11, y2: 11, score: 0.8 };
    const c: Box = { x1: 50, y1: 50, x2: 60, y2: 60, score: 0.5 };
    expect(iou(a, b)).toBeCloseTo(81 / 119, 10);
    expect(nonMaxSuppression([b, c, a], 0.3)).toEqual([a, c]);
    expect(nonMaxSuppression([b, c, a], 0.7)).toEqual([a, b, c]);
  });

  it('counts the patches above the threshold for the asked query only', () => {
    const logits = Float32Array.from([3, -5, -1, 4, 2.5, -2]); // 3 patches x 2 queries
    const boxes = Float32Array.from([0.2, 0.2, 0.1, 0.1, 0.5, 0.5, 0.1, 0.1, 0.8, 0.8, 0.1, 0.1]);
    const found = detectionsFor(
      { patches: 3, queries: 2, logits, boxes },
      0,
      { width: 100, height: 100 },
      { threshold: sigmoid(0), nmsIou: 0.3 },
    );
    expect(found.map((b) => b.score)).toEqual([sigmoid(3), sigmoid(2.5)]);
    expect(found[0]).toMatchObject({
      x1: expect.closeTo(15, 5),
      y1: expect.closeTo(15, 5),
      x2: expect.closeTo(25, 5),
      y2: expect.closeTo(25, 5),
    });
  });
});

describe('tiny OWL-ViT against Hugging Face', () => {
  let detector: OwlVitDetector;
  beforeAll(async () => {
    detector = await OwlVitDetector.load(locateModel(TINY_OWLVIT));
  });
  afterAll(() => detector.dispose());

  it('pads query ids to 16 as the processor does, and finds the same top patches with the same logits and boxes', async () => {
    for (const [img, r] of Object.entries(REF.images)) {
      expect(
        REF.queries.map((q) => detector.tokenize(q)),
        img,
      ).toEqual(r.input_ids);
      const { data } = await detector.preprocess(`${IMAGES}/${img}`);
      const pred = await detector.detect(data, REF.queries);
      expect([pred.patches, pred.queries]).toEqual([49, 2]);
      const best = Array.from({ length: 49 }, (_, p) => Math.max(pred.logits[2 * p]!, pred.logits[2 * p + 1]!));
      expect([...best.keys()].sort((a, b) => best[b]! - best[a]!).slice(0, 5), img).toEqual(r.top5_patch);
      r.top5_patch.forEach((patch, k) => {
        // Measured: logits within 0.23 (of values up to 26, the random weights amplify 1-level pixel differences), boxes within 0.007.
        r.top5_logits[k]!.forEach((v, q) => expect(Math.abs(pred.logits[2 * patch + q]! - v), `${img} patch ${patch}`).toBeLessThan(0.3));
        r.top5_boxes_cxcywh[k]!.forEach((v, c) => expect(Math.abs(pred.boxes[4 * patch + c]! - v)).toBeLessThan(0.01));
      });
    }
  });
  it('gives the same pixel_values from already decoded RGB as from the file (composition decodes once)', async () => {
    for (const img of Object.keys(REF.images)) {
      const { data: rgb, info } = await sharp(`${IMAGES}/${img}`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const fromRgb = await detector.preprocessDecoded(new Uint8Array(rgb), info.width, info.height);
      expect(Buffer.from(fromRgb.data.buffer).equals(Buffer.from((await detector.preprocess(`${IMAGES}/${img}`)).data.buffer)), img).toBe(
        true,
      );
    }
  });
});

describe('count', () => {
  const prompt = (n: number): Prompt => ({
    id: 'c',
    category: 'counting',
    tags: [],
    text: { en: `${n} red circles` },
    expect: { count: { object: 'red circle', n } },
    modality: 'image',
  });
  const input = (img: string, n: number): MetricInput => ({
    path: `${IMAGES}/${img}`,
    mime: 'image/png',
    mediaHash: img,
    modality: 'image',
    prompt: prompt(n),
    language: 'en',
    text: '',
  });

  it('counts what the reference logits put above the threshold, exact or not, in the right bucket', async () => {
    // tiny_16x16: the reference's query-0 logits of the top patches are 18.9, 18.6, then far lower.
    const r = REF.images['tiny_16x16.png']!;
    const q0 = r.top5_logits.map((l) => l[0]!);
    const threshold = sigmoid((q0[1]! + q0[2]!) / 2);
    expect(q0[1]! - q0[2]!).toBeGreaterThan(1);
    expect(Math.max(...r.top5_logits[4]!)).toBeLessThan(Math.log(threshold / (1 - threshold)));
    const metric = createCount({ model: TINY_OWLVIT, detection: { threshold, nmsIou: 1 } });
    try {
      const [two, five] = await metric.score([input('tiny_16x16.png', 2), input('tiny_16x16.png', 5)]);
      expect(two).toMatchObject({ value: 1, details: { counted: 2, expected: 2, difference: 0, bucket: 'n<=3' } });
      expect(five).toMatchObject({ value: 0, details: { counted: 2, expected: 5, difference: -3, absError: 3, bucket: 'n>3' } });
      expect(metric.appliesTo({ ...prompt(2), expect: { text: 'x' } }, 'en', 'image')).toBe(false);
      const [bad] = await metric.score([input('absent.png', 2)]);
      expect(bad!.error).toMatch(/cannot read image .*absent\.png/);
      expect(((await metric.provenance()) as { detector: { sha256: Record<string, string> } }).detector.sha256['onnx/model.onnx']).toMatch(
        /^[0-9a-f]{64}$/,
      );
    } finally {
      await metric.dispose?.();
    }
    expect(countBucket(3)).toBe('n<=3');
    expect(countBucket(4)).toBe('n>3');
  });
});
