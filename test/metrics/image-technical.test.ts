import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricInput, MetricResult } from '../../core/types/metric.js';
import type { Prompt } from '../../core/types/prompt.js';
import { createTechnicalMetrics } from '../../metrics/image-technical.js';
import { blocks, random } from './image/test-pictures.js';

let dir: string;
let metrics: Metric[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-technical-'));
  metrics = createTechnicalMetrics();
});
afterAll(async () => {
  await Promise.all(metrics.map((m) => m.dispose?.()));
  await rm(dir, { recursive: true, force: true });
});

const PROMPT: Prompt = { id: 'p', category: 'scene', tags: [], text: { en: 'a test image' }, modality: 'image' };
const metric = (id: string): Metric => metrics.find((m) => m.id === id)!;

let files = 0;
async function save(image: ReturnType<typeof sharp>): Promise<string> {
  const path = join(dir, `img-${files++}.png`);
  await image.png().toFile(path);
  return path;
}
const input = (path: string): MetricInput => ({
  path,
  mime: 'image/png',
  mediaHash: path,
  modality: 'image',
  prompt: PROMPT,
  language: 'en',
  text: 'a test image',
});
async function score(id: string, path: string): Promise<MetricResult> {
  const [result] = await metric(id).score([input(path)]);
  return result!;
}
async function value(id: string, path: string): Promise<number> {
  const result = await score(id, path);
  expect(result.error).toBeUndefined();
  return result.value!;
}

const raw = (data: Uint8Array, width: number, height: number, channels: 1 | 3 = 3) =>
  sharp(Buffer.from(data), { raw: { width, height, channels } });

describe('technical image metrics', () => {
  it('declares one metric per measure with its direction, version and provenance', async () => {
    expect(metrics.map((m) => [m.id, m.direction])).toEqual([
      ['sharpness', 'higher-is-better'],
      ['exposure', 'higher-is-better'],
      ['colorfulness', 'higher-is-better'],
      ['noise', 'lower-is-better'],
    ]);
    for (const m of metrics) {
      expect(m.version).toBe('2');
      expect(m.modalities).toEqual(['image']);
      expect(m.appliesTo(PROMPT, 'zh', 'image')).toBe(true);
      const provenance = await m.provenance();
      expect(provenance).toMatchObject({ analysisMaxSide: 512 });
      expect(String(provenance.source)).not.toBe('');
    }
    expect(String((await metric('noise').provenance()).source)).toMatch(/Immerkær 1996/);
    expect(String((await metric('colorfulness').provenance()).source)).toMatch(/Hasler & Süsstrunk 2003/);
  });

  it('gives lower sharpness for more blur (sigma 0, 1, 3, 6)', async () => {
    const base = raw(blocks(256, 1), 256, 256);
    const values: number[] = [];
    for (const sigma of [0, 1, 3, 6]) {
      const path = await save(sigma === 0 ? base.clone() : base.clone().blur(sigma));
      values.push(await value('sharpness', path));
    }
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
    expect(values[3]!).toBeLessThan(values[0]! / 20);
  });

  it('estimates the sigma of Gaussian noise on flat grey within 30%, and more noise reads higher', async () => {
    const size = 256;
    const estimates: number[] = [];
    const clean = await value('noise', await save(raw(new Uint8Array(size * size).fill(128), size, size, 1)));
    expect(clean).toBe(0);
    for (const sigma of [3, 8, 20]) {
      const r = random(sigma);
      const data = new Uint8Array(size * size);
      for (let i = 0; i < data.length; i++) {
        const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
        data[i] = Math.min(255, Math.max(0, Math.round(128 + sigma * g)));
      }
      const estimate = await value('noise', await save(raw(data, size, size, 1)));
      expect(Math.abs(estimate - sigma) / sigma).toBeLessThan(0.3);
      estimates.push(estimate);
    }
    expect(estimates[0]!).toBeLessThan(estimates[1]!);
    expect(estimates[1]!).toBeLessThan(estimates[2]!);
  });

  it('finds a saturated image more colourful than its greyscale version (which is about 0)', async () => {
    const colour = raw(blocks(128, 2), 128, 128);
    const colourful = await value('colorfulness', await save(colour.clone()));
    const grey = await value('colorfulness', await save(colour.clone().greyscale()));
    expect(colourful).toBeGreaterThan(50);
    expect(grey).toBeLessThan(0.5);
  });

  // Images under 8 pixels a side are refused; a 2 x 2 pattern tiled to 8 x 8 has the same means and deviations.
  const tiled = (pixels: Uint8Array) => raw(pixels, 2, 2).resize(8, 8, { kernel: 'nearest' });

  it('matches a hand computation of colourfulness on a 2 x 2 pattern', async () => {
    // rg = [150, -150, -20, 10]: μ = -2.5, σ² = 11375 - 6.25 = 11368.75
    // yb = [115, 15, -170, 225]: μ = 46.25, σ² = 23243.75 - 2139.0625 = 21104.6875
    // M = sqrt(32473.4375) + 0.3 sqrt(2145.3125) = 180.20388 + 13.89525 = 194.09913
    const pixels = Uint8Array.from([200, 50, 10, 30, 180, 90, 40, 60, 220, 250, 240, 20]);
    const result = await score('colorfulness', await save(tiled(pixels)));
    expect(result.value).toBeCloseTo(194.09913, 4);
    expect(result.details).toMatchObject({ meanRg: -2.5, meanYb: 46.25 });
  });

  it('gives an over-exposed image a lower exposure score', async () => {
    const base = raw(blocks(128, 3), 128, 128).linear(0.6, 50); // values 50..203: nothing clipped
    const normal = await value('exposure', await save(base.clone()));
    const bright = await score('exposure', await save(base.clone().linear(2.5, 0)));
    expect(normal).toBe(1);
    expect(bright.value!).toBeLessThan(0.8);
    expect((bright.details as { highlights: number }).highlights).toBeGreaterThan(0.2);
  });

  it('reports the mean luma beside the clipped fractions, so that under- and over-exposure differ', async () => {
    // Rec. 601 luma of the four pixels: 0 (black), 255 (white), round(0.299 * 200) = 60, round(0.587 * 100) = 59.
    const pixels = Uint8Array.from([0, 0, 0, 255, 255, 255, 200, 0, 0, 0, 100, 0]);
    const result = await score('exposure', await save(tiled(pixels)));
    expect(result.value).toBeCloseTo(0.5, 10);
    expect(result.details).toMatchObject({ highlights: 0.25, shadows: 0.25, meanLuma: (0 + 255 + 60 + 59) / 4 });
    const dark = await score('exposure', await save(raw(blocks(64, 2), 64, 64).linear(0.1, 10)));
    const bright = await score('exposure', await save(raw(blocks(64, 2), 64, 64).linear(0.1, 220)));
    expect((dark.details as { meanLuma: number }).meanLuma).toBeLessThan(40);
    expect((bright.details as { meanLuma: number }).meanLuma).toBeGreaterThan(215);
  });

  it('returns null with an error naming the file for corrupt and missing files, without throwing', async () => {
    const corrupt = join(dir, 'corrupt.png');
    await writeFile(corrupt, randomBytes(4096));
    const missing = join(dir, 'no-such-file.png');
    for (const m of metrics) {
      const results = await m.score([input(corrupt), input(missing)]);
      expect(results).toHaveLength(2);
      expect(results[0]).toMatchObject({ value: null });
      expect(results[0]!.error).toContain(corrupt);
      expect(results[1]).toMatchObject({ value: null });
      expect(results[1]!.error).toContain(missing);
    }
  });

  it('scores a 16 x 4000 image: analysed at 2 x 512, the 3 x 3 filters say they do not apply', async () => {
    const path = await save(raw(blocks(16, 5), 16, 16).resize(16, 4000, { fit: 'fill', kernel: 'nearest' }));
    expect((await score('exposure', path)).details).toMatchObject({ width: 2, height: 512 });
    expect(await value('colorfulness', path)).toBeGreaterThan(0);
    for (const id of ['sharpness', 'noise']) {
      const result = await score(id, path);
      expect(result.value).toBeNull();
      expect(result.error).toBeUndefined();
    }
  });

  it('analyses a 16000 px wide image on a copy whose longest side is 512', async () => {
    const path = await save(sharp({ create: { width: 16000, height: 100, channels: 3, background: { r: 90, g: 140, b: 60 } } }));
    const result = await score('sharpness', path);
    expect(result.value).toBe(0);
    expect(result.details).toMatchObject({ width: 512, sourceWidth: 16000, sourceHeight: 100 });
  });

  it('gives the same numbers when the same file is scored twice', async () => {
    const path = await save(raw(blocks(64, 4), 64, 64));
    for (const m of metrics) {
      const [a] = await m.score([input(path)]);
      const [b] = await m.score([{ ...input(path), mediaHash: 'another-key' }]);
      expect(b!.value).toBe(a!.value);
    }
  });
});
