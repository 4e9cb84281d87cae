import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricInput, MetricResult } from '../../core/types/metric.js';
import type { Language, Prompt } from '../../core/types/prompt.js';
import { createOcrText } from '../../metrics/ocr-text.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { untaggedCmykJpeg } from './image/colour-files.js';

const tempDir = useTempDir();

function svg(text: string, width: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="160"><rect width="100%" height="100%" fill="#fff"/>` +
      `<text x="50%" y="60%" font-family="WenQuanYi Micro Hei" font-size="56" text-anchor="middle" fill="#000">${text}</text></svg>`,
  );
}

function prompt(expected: string): Prompt {
  return {
    id: 't',
    category: 'text-rendering',
    tags: [],
    text: { en: `a sign that says "${expected}"` },
    expect: { text: expected },
    modality: 'image',
  };
}

describe('ocr-text', () => {
  const metric = createOcrText();
  const cases: [string, string, Language][] = [
    ['欢迎光临', '欢迎光临', 'zh'],
    ['欢迎光顾', '欢迎光临', 'zh'],
    ['谢谢惠顾', '欢迎光临', 'zh'],
    ['OPEN 24 HOURS', 'open 24 hours', 'en'],
    ['OPEN 42 HOURS', 'OPEN 24 HOURS', 'en'],
    ['SALE', 'OPEN 24 HOURS', 'en'],
  ];
  let results: MetricResult[];
  let bad: MetricResult[];

  beforeAll(async () => {
    const { dir } = tempDir();
    const inputs: MetricInput[] = [];
    for (const [i, [drawn, expected, language]] of cases.entries()) {
      const path = join(dir, `case${i}.png`);
      await sharp(svg(drawn, 640)).png().toFile(path);
      inputs.push({ path, mime: 'image/png', mediaHash: `h${i}`, modality: 'image', prompt: prompt(expected), language, text: drawn });
    }
    results = await metric.score(inputs);
    const corrupt = join(dir, 'corrupt.png');
    writeFileSync(corrupt, 'not an image');
    const tiny = join(dir, 'tiny.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toFile(tiny);
    const dot = join(dir, 'dot.png');
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
      .png()
      .toFile(dot);
    bad = await metric.score(
      [corrupt, tiny, dot].map((path) => ({
        path,
        mime: 'image/png',
        mediaHash: path,
        modality: 'image' as const,
        prompt: prompt('欢迎光临'),
        language: 'zh' as const,
        text: '',
      })),
    );
  });

  it('reads right Chinese and English text as an exact match', () => {
    for (const k of [0, 3]) {
      expect(results[k]!.details.exact, JSON.stringify(results[k]!.details)).toBe(true);
      expect(results[k]!.value).toBe(1);
    }
    expect(results[0]!.details.read).toBe('欢迎光临');
  });

  it('ranks right above partly wrong above wrong text, in both scripts', () => {
    for (const base of [0, 3]) {
      const [right, partly, wrong] = [results[base]!, results[base + 1]!, results[base + 2]!];
      expect(partly.details.exact).toBe(false);
      expect(partly.value!).toBeLessThan(right.value!);
      expect(wrong.value!).toBeLessThan(partly.value!);
      expect(partly.details.charF1 as number).toBeGreaterThan(wrong.details.charF1 as number);
    }
    // One character of four replaced: the edit distance says exactly that.
    expect(results[1]!.details).toMatchObject({ read: '欢迎光顾', editDistance: 1, ned: 0.25 });
  });

  it('reads the sign from an untagged CMYK JPEG, a Display P3 PNG and a transparent PNG, and says how each was decoded', async () => {
    const { dir } = tempDir();
    const sign = () => sharp(svg('OPEN 24 HOURS', 640)).removeAlpha();
    const { data, info } = await sign().raw().toBuffer({ resolveWithObject: true });
    const files = {
      cmyk: await untaggedCmykJpeg(data, info.width, info.height),
      p3: await sign().withIccProfile('p3').png().toBuffer(),
      // Black text at half opacity on a transparent ground: flattened onto white, it is grey on white.
      rgba: await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
        .joinChannel(Buffer.alloc(info.width * info.height, 128), { raw: { width: info.width, height: info.height, channels: 1 } })
        .png()
        .toBuffer(),
    };
    const inputs = Object.entries(files).map(([name, bytes]): MetricInput => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return { path, mime: 'image/*', mediaHash: path, modality: 'image', prompt: prompt('OPEN 24 HOURS'), language: 'en', text: '' };
    });
    const [cmyk, p3, rgba] = await metric.score(inputs);
    for (const r of [cmyk!, p3!, rgba!]) expect(r.details, JSON.stringify(r.details)).toMatchObject({ read: 'OPEN 24 HOURS', exact: true });
    expect(cmyk!.details.decode).toMatchObject({
      format: 'jpeg',
      colourSpace: 'cmyk',
      profile: 'none, naive CMYK inversion (as browsers and Pillow)',
    });
    expect(p3!.details.decode).toMatchObject({ format: 'png', profile: 'embedded: sP3C', alpha: 'none' });
    expect(rgba!.details.decode).toMatchObject({ alpha: 'flattened onto white' });
  });

  it('applies only to image prompts with expect.text', () => {
    expect(metric.appliesTo(prompt('x'), 'en', 'image')).toBe(true);
    expect(metric.appliesTo({ ...prompt('x'), expect: undefined }, 'en', 'image')).toBe(false);
  });

  it('stores an error for a corrupt file and a 1x1 image, and reads nothing from a blank 8x8 image', () => {
    expect(bad[0]!.value).toBeNull();
    expect(bad[0]!.error).toMatch(/cannot read image .*corrupt\.png: not an image \(starts with "not an image"\)/);
    expect(bad[2]!.value).toBeNull();
    expect(bad[2]!.error).toMatch(/cannot read image .*dot\.png: 1x1 is smaller than the 8x8 minimum/);
    expect(bad[1]!.error).toBeUndefined();
    expect(bad[1]!.details.read).toBe('');
    expect(bad[1]!.value).toBe(0);
  });
});
