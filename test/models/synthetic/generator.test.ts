import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRequest, GenerationResult } from '../../../core/types/generator.js';
import type { Prompt } from '../../../core/types/prompt.js';
import {
  createSyntheticGenerator,
  SyntheticConfigSchema,
  syntheticTruth,
  type SyntheticConfigInput,
} from '../../../models/synthetic/generator.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-synthetic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const prompt = (id: string, expect?: Prompt['expect']): Prompt => ({
  id,
  category: 'test',
  tags: [],
  text: { en: `prompt ${id}`, zh: `提示 ${id}` },
  modality: 'image',
  expect,
});
const COUNT = prompt('five-apples', { count: { object: 'apple', n: 5 }, colors: ['red'] });
const SIGN = prompt('welcome-sign', { text: '欢迎光临' });
const SCENE = prompt('village');

const request = (p: Prompt, over: Partial<GenerationRequest> = {}): GenerationRequest => ({
  prompt: p,
  language: 'en',
  text: p.text.en ?? '',
  seed: 42,
  sample: 0,
  modality: 'image',
  ...over,
});
const config = (over: Partial<SyntheticConfigInput> = {}): SyntheticConfigInput => ({
  id: 'syn',
  type: 'synthetic',
  width: 256,
  height: 256,
  ...over,
});
const ctx = () => ({ signal: new AbortController().signal });

function bytesOf(result: GenerationResult): Uint8Array {
  if (!result.ok) throw new Error(`expected an image, got ${result.error.category}: ${result.error.message}`);
  return result.media.bytes;
}
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Connected regions (4-neighbour) that differ clearly from the corner colour: the drawn objects. */
async function countBlobs(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels: c } = info;
  const fg = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const d = Math.abs(data[i * c]! - data[0]!) + Math.abs(data[i * c + 1]! - data[1]!) + Math.abs(data[i * c + 2]! - data[2]!);
    fg[i] = d > 60 ? 1 : 0;
  }
  let blobs = 0;
  for (let start = 0; start < w * h; start++) {
    if (fg[start] !== 1) continue;
    blobs++;
    const stack = [start];
    fg[start] = 2;
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % w;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
        if (j >= 0 && j < w * h && fg[j] === 1) {
          fg[j] = 2;
          stack.push(j);
        }
      }
    }
  }
  return blobs;
}

describe('synthetic generator', () => {
  it('parses a minimal config with defaults and rejects unknown fields', () => {
    const c = SyntheticConfigSchema.parse({ id: 'a', type: 'synthetic' });
    expect(c).toMatchObject({
      width: 512,
      height: 512,
      miscountRate: 0,
      wrongTextRate: 0,
      blur: 0,
      noise: 0,
      colorCast: 0,
      failureRate: 0,
      delayMs: 0,
    });
    expect(() => SyntheticConfigSchema.parse({ id: 'a', type: 'synthetic', colour: 1 })).toThrow();
    expect(() => SyntheticConfigSchema.parse({ id: 'a', type: 'synthetic', blur: 21 })).toThrow();
  });

  it('draws the same bytes for the same request and different bytes for another seed', async () => {
    const g = createSyntheticGenerator(config({ noise: 0.05, blur: 1, colorCast: 0.3 }));
    for (const p of [COUNT, SIGN, SCENE]) {
      const a = bytesOf(await g.generate(request(p), ctx()));
      const b = bytesOf(await createSyntheticGenerator(config({ noise: 0.05, blur: 1, colorCast: 0.3 })).generate(request(p), ctx()));
      const c = bytesOf(await g.generate(request(p, { seed: 43 }), ctx()));
      expect(same(a, b)).toBe(true);
      expect(same(a, c)).toBe(false);
    }
  });

  it('returns a PNG of the configured size with no secrets in its provider ids', async () => {
    const result = await createSyntheticGenerator(config({ width: 320, height: 200 })).generate(request(COUNT), ctx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.media).toMatchObject({ mime: 'image/png', width: 320, height: 200 });
    expect(result.providerIds).toEqual({ synthetic: 'true' });
    const meta = await sharp(result.media.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 200]);
  });

  it('draws exactly expect.count.n objects with miscountRate 0, and 1 to 3 off with miscountRate 1', async () => {
    for (const n of [1, 3, 7, 12]) {
      for (const seed of [1, 2, 3]) {
        const p = prompt(`count-${n}`, { count: { object: 'ball', n } });
        const req = request(p, { seed });
        const right = syntheticTruth(req, config());
        const wrong = syntheticTruth(req, config({ miscountRate: 1 }));
        expect(right).toEqual({ count: n, text: null });
        expect(wrong.count).not.toBe(n);
        expect(Math.abs(wrong.count! - n)).toBeGreaterThanOrEqual(1);
        expect(Math.abs(wrong.count! - n)).toBeLessThanOrEqual(3);
        expect(wrong.count).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('draws as many separate shapes as syntheticTruth says', async () => {
    for (const [n, miscountRate] of [
      [3, 0],
      [7, 0],
      [4, 1],
      [15, 1],
    ] as const) {
      const p = prompt(`blobs-${n}`, { count: { object: 'ball', n } });
      const c = config({ miscountRate });
      const png = bytesOf(await createSyntheticGenerator(c).generate(request(p), ctx()));
      expect(await countBlobs(png)).toBe(syntheticTruth(request(p), c).count);
    }
  });

  it('alters the text only when wrongTextRate says so', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const req = request(SIGN, { seed });
      expect(syntheticTruth(req, config())).toEqual({ count: null, text: '欢迎光临' });
      const wrong = syntheticTruth(req, config({ wrongTextRate: 1 })).text!;
      expect(wrong).not.toBe('欢迎光临');
      expect(Array.from(wrong)).toHaveLength(4);
      const latin = syntheticTruth(request(prompt('open', { text: 'OPEN 24h' }), { seed }), config({ wrongTextRate: 1 })).text!;
      expect(latin).not.toBe('OPEN 24h');
    }
    const right = bytesOf(await createSyntheticGenerator(config()).generate(request(SIGN), ctx()));
    const wrong = bytesOf(await createSyntheticGenerator(config({ wrongTextRate: 1 })).generate(request(SIGN), ctx()));
    expect(same(right, wrong)).toBe(false);
  });

  it('renders Chinese glyphs, not identical missing-glyph boxes', async () => {
    const g = createSyntheticGenerator(config());
    const welcome = bytesOf(await g.generate(request(SIGN), ctx()));
    const other = bytesOf(await g.generate(request(prompt('welcome-sign', { text: '欢迎光顾' })), ctx()));
    const empty = bytesOf(await g.generate(request(prompt('welcome-sign', { text: '\u3000' })), ctx()));
    // With no CJK font every glyph is the same box: the two signs would then be identical.
    expect(same(welcome, other)).toBe(false);
    expect(same(welcome, empty)).toBe(false);
    const { data } = await sharp(welcome).greyscale().raw().toBuffer({ resolveWithObject: true });
    const dark = data.filter((v) => v < 80).length / data.length;
    expect(dark).toBeGreaterThan(0.02);
  });

  it('escapes XML in the text', async () => {
    const p = prompt('xml', { text: 'A & B <C> "D"' });
    const result = await createSyntheticGenerator(config()).generate(request(p), ctx());
    expect(result.ok).toBe(true);
  });

  it('returns retryable server errors with failureRate 1', async () => {
    const g = createSyntheticGenerator(config({ failureRate: 1 }));
    for (let i = 0; i < 3; i++) {
      const result = await g.generate(request(COUNT), ctx());
      expect(result).toMatchObject({ ok: false, error: { category: 'server', retryable: true } });
    }
  });

  it('lets a retried request succeed when failures are partial', async () => {
    const g = createSyntheticGenerator(config({ failureRate: 0.5 }));
    let ok = false;
    for (let attempt = 0; attempt < 40 && !ok; attempt++) ok = (await g.generate(request(COUNT), ctx())).ok;
    expect(ok).toBe(true);
  });

  it('returns cancelled when aborted during the simulated delay or before it', async () => {
    const g = createSyntheticGenerator(config({ delayMs: 60_000 }));
    const controller = new AbortController();
    const pending = g.generate(request(COUNT), { signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { category: 'cancelled', retryable: false } });

    const aborted = AbortSignal.abort();
    const immediate = await createSyntheticGenerator(config()).generate(request(COUNT), { signal: aborted });
    expect(immediate).toMatchObject({ ok: false, error: { category: 'cancelled', retryable: false } });
  });

  it('appends one JSON line per call to the call log', async () => {
    const callLog = join(dir, 'calls.jsonl');
    const g = createSyntheticGenerator(config({ callLog, failureRate: 0 }));
    await g.generate(request(COUNT), ctx());
    await g.generate(request(SIGN, { language: 'zh', seed: 7, sample: 2 }), ctx());
    await createSyntheticGenerator(config({ callLog, failureRate: 1 })).generate(request(SCENE), ctx());
    const lines = (await readFile(callLog, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { promptId: 'five-apples', language: 'en', seed: 42, sample: 0 },
      { promptId: 'welcome-sign', language: 'zh', seed: 7, sample: 2 },
      { promptId: 'village', language: 'en', seed: 42, sample: 0 },
    ]);
  });

  it('names everything that changes the output in identity(), and nothing else', () => {
    const g = createSyntheticGenerator(config({ callLog: join(dir, 'x.jsonl'), delayMs: 5, blur: 2 }));
    expect(g).toMatchObject({ id: 'syn', type: 'synthetic', synthetic: true, modalities: ['image', 'video'] });
    expect(g.identity()).toEqual({
      type: 'synthetic',
      width: 256,
      height: 256,
      miscountRate: 0,
      wrongTextRate: 0,
      blur: 2,
      noise: 0,
      colorCast: 0,
      failureRate: 0,
      video: { width: 256, height: 256, durationSec: 2, fps: 8, motion: 0.5, flicker: 0, frozenRate: 0, jumpRate: 0 },
    });
  });

  it('keeps the layout when only a degradation knob changes', () => {
    const req = request(COUNT);
    expect(syntheticTruth(req, config({ blur: 5, noise: 0.2 }))).toEqual(syntheticTruth(req, config()));
  });
});
