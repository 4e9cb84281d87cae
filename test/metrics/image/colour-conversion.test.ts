import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Metric, MetricInput } from '../../../core/types/index.js';
import { createTechnicalMetrics } from '../../../metrics/image-technical.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import {
  adobeLikeProfile,
  cmykTiff,
  JPEG,
  ORIGINAL,
  original,
  relativeColorimetricCmykProfile,
  SIZE,
  untaggedCmykJpeg,
  withIcc,
  withoutIcc,
} from './colour-files.js';
import { TEST_CMYK_PROFILE_NAME, testCmykProfile } from './cmyk-test-profile.js';
import { random } from './test-pictures.js';
import { decodeForAnalysis } from '../../../metrics/image/pixels.js';

const tempDir = useTempDir();
let metrics: Metric[];
beforeAll(() => void (metrics = createTechnicalMetrics()));
afterAll(async () => void (await Promise.all(metrics.map((m) => m.dispose?.()))));

interface Measured {
  sharpness: number;
  colorfulness: number;
  meanLuma: number;
  highlights: number;
  shadows: number;
  decode: Record<string, unknown>;
}

let files = 0;
async function measure(bytes: Buffer): Promise<Measured> {
  const path = join(tempDir().dir, `image-${files++}`);
  writeFileSync(path, bytes);
  const input: MetricInput = {
    path,
    mime: 'image/*',
    mediaHash: path,
    modality: 'image',
    prompt: { id: 'p', category: 'scene', tags: [], text: { en: 'x' }, modality: 'image' },
    language: 'en',
    text: 'x',
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const m of metrics) {
    const [r] = await m.score([input]);
    expect(r!.error).toBeUndefined();
    out[m.id] = { value: r!.value, ...r!.details };
  }
  const e = out.exposure as { highlights: number; shadows: number; meanLuma: number; decode: Record<string, unknown> };
  return { sharpness: out.sharpness!.value as number, colorfulness: out.colorfulness!.value as number, ...e };
}

/** Each measure within `tolerance` (relative, or absolute below 1) of the reference's, the clipped fractions within that much absolutely. */
function expectClose(got: Measured, want: Measured, tolerance: number): void {
  for (const key of ['sharpness', 'colorfulness', 'meanLuma'] as const)
    expect(Math.abs(got[key] - want[key]) / Math.max(want[key], 1), key).toBeLessThan(tolerance);
  for (const key of ['highlights', 'shadows'] as const) expect(Math.abs(got[key] - want[key]), key).toBeLessThan(tolerance);
}

describe('colour conversion to sRGB before measuring', () => {
  let truth: Measured;
  beforeAll(async () => void (truth = await measure(await original().png().toBuffer())));

  it('measures a Display P3 PNG and an Adobe RGB-like PNG like the sRGB original, and names the profile', async () => {
    const p3 = await measure(await original().withIccProfile('p3').png().toBuffer());
    expectClose(p3, truth, 0.02);
    expect(p3.decode).toMatchObject({
      format: 'png',
      colourSpace: 'srgb',
      profile: 'embedded: sP3C',
      bitDepth: 8,
      alpha: 'none',
      frames: 'single',
      sourceSize: '256x256',
    });
    const p3Profile = (await sharp(await original().withIccProfile('p3').png().toBuffer()).metadata()).icc!;
    const profilePath = join(tempDir().dir, 'adobe-like.icc');
    writeFileSync(profilePath, adobeLikeProfile(p3Profile));
    const adobeFile = await original().withIccProfile(profilePath).png().toBuffer();
    // The pixels really are in the wider space: read without the profile they differ from the original.
    const asStored = await sharp(adobeFile, { ignoreIcc: true }).raw().toBuffer();
    const plain = await original().raw().toBuffer();
    expect(asStored.reduce((s, v, i) => s + Math.abs(v - plain[i]!), 0) / plain.length).toBeGreaterThan(3);
    const adobe = await measure(adobeFile);
    expectClose(adobe, truth, 0.02);
    expect(adobe.decode).toMatchObject({ profile: 'embedded: aRGB' });
  });

  it('measures a 16-bit PNG with a profile and one without like their 8-bit equivalents', async () => {
    const p3Sixteen = await measure(await original().withIccProfile('p3').toColourspace('rgb16').png().toBuffer());
    expect(p3Sixteen.decode).toMatchObject({ bitDepth: 16, colourSpace: 'rgb16', profile: 'embedded: sP3C' });
    expectClose(p3Sixteen, truth, 0.02);
    // 16-bit values v * 257 + 128 made by ffmpeg: their 8-bit equivalent is v (round(x / 257)), the high byte too.
    const plain = await original().raw().toBuffer();
    const be = Buffer.alloc(plain.length * 2);
    plain.forEach((v, i) => be.writeUInt16BE(v * 257 + 128, 2 * i));
    const path = join(tempDir().dir, 'sixteen.png');
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb48be', '-s', `${SIZE}x${SIZE}`, '-i', '-', '-frames:v', '1', path],
      { input: be },
    );
    const sixteen = await measure(
      await sharp(path)
        .toBuffer()
        .then(() => import('node:fs').then((fs) => fs.readFileSync(path))),
    );
    expect(sixteen.decode).toMatchObject({ bitDepth: 16, profile: 'none, assumed sRGB' });
    expectClose(sixteen, truth, 0.02);
  });

  it('flattens RGBA onto black, expands greyscale and takes the first frame of an animated GIF, and says so', async () => {
    const plain = await original().raw().toBuffer();
    const alpha = Uint8Array.from({ length: SIZE * SIZE }, (_, i) => 128 + ((i * 7) % 128));
    const rgba = Buffer.alloc(SIZE * SIZE * 4);
    const onBlack = Buffer.alloc(plain.length);
    for (let i = 0; i < SIZE * SIZE; i++) {
      for (let c = 0; c < 3; c++) {
        rgba[4 * i + c] = plain[3 * i + c]!;
        onBlack[3 * i + c] = Math.round((plain[3 * i + c]! * alpha[i]!) / 255);
      }
      rgba[4 * i + 3] = alpha[i]!;
    }
    const flattened = await measure(
      await sharp(rgba, { raw: { width: SIZE, height: SIZE, channels: 4 } })
        .png()
        .toBuffer(),
    );
    expect(flattened.decode).toMatchObject({ alpha: 'flattened onto black' });
    expectClose(
      flattened,
      await measure(
        await sharp(onBlack, { raw: { width: SIZE, height: SIZE, channels: 3 } })
          .png()
          .toBuffer(),
      ),
      0.02,
    );

    const grey = Buffer.from(Array.from({ length: SIZE * SIZE }, (_, i) => plain[3 * i + 1]!));
    const greyRgb = Buffer.from(Array.from({ length: plain.length }, (_, i) => grey[Math.floor(i / 3)]!));
    const oneChannel = await measure(
      await sharp(grey, { raw: { width: SIZE, height: SIZE, channels: 1 } })
        .png()
        .toBuffer(),
    );
    expect(oneChannel.decode).toMatchObject({ alpha: 'none', bitDepth: 8 });
    expectClose(
      oneChannel,
      await measure(
        await sharp(greyRgb, { raw: { width: SIZE, height: SIZE, channels: 3 } })
          .png()
          .toBuffer(),
      ),
      0.02,
    );

    const frame = (k: number) =>
      sharp(Buffer.from(ORIGINAL.map((v) => (v + 40 * k) % 256)), { raw: { width: SIZE, height: SIZE, channels: 3 } })
        .png()
        .toBuffer();
    const frames = await Promise.all([0, 1, 2].map(frame));
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();
    const animated = await measure(gif);
    expect(animated.decode).toMatchObject({ format: 'gif', frames: 'first of 3' });
    expectClose(animated, await measure(await sharp(frames[0]!).gif().toBuffer()), 0.02);
  });

  it('shows an untagged CMYK JPEG as browsers and Pillow do: within 2% of the sRGB original it was made from', async () => {
    const naive = await measure(await untaggedCmykJpeg(await original().raw().toBuffer(), SIZE, SIZE));
    expect(naive.decode).toMatchObject({
      format: 'jpeg',
      colourSpace: 'cmyk',
      profile: 'none, naive CMYK inversion (as browsers and Pillow)',
    });
    expectClose(naive, truth, 0.02);
  });

  it('ignores a profile that is not for CMYK, or not a profile, in a CMYK JPEG, and says so', async () => {
    const naive = await untaggedCmykJpeg(await original().raw().toBuffer(), SIZE, SIZE);
    const srgbProfile = (await sharp(await original().withIccProfile('srgb').png().toBuffer()).metadata()).icc!;
    const rgbProfile = await measure(withIcc(naive, srgbProfile));
    expect(rgbProfile.decode).toMatchObject({
      colourSpace: 'cmyk',
      profile: 'embedded "sRGB" ignored (an RGB profile on CMYK pixels), naive CMYK inversion (as browsers and Pillow)',
    });
    expectClose(rgbProfile, truth, 0.02);
    const junk = await measure(withIcc(naive, Buffer.alloc(600, 7)));
    expect(junk.decode.profile).toBe(
      'embedded "unnamed profile" ignored (not a valid ICC profile), naive CMYK inversion (as browsers and Pillow)',
    );
    expectClose(junk, truth, 0.02);
  });

  it('gives an untagged CMYK TIFF the RGB values Pillow gives (cmyk2rgb), sample by sample', async () => {
    const next = random(5);
    const cmyk = Uint8Array.from({ length: 16 * 16 * 4 }, () => Math.floor(next() * 256));
    const path = join(tempDir().dir, 'cmyk.tif');
    writeFileSync(path, cmykTiff(cmyk, 16, 16));
    const { rgb, decode } = await decodeForAnalysis(path);
    expect(decode).toMatchObject({ format: 'tiff', colourSpace: 'cmyk', profile: 'none, naive CMYK inversion (as browsers and Pillow)' });
    // Pillow's Convert.c: nk = 255 - K; R = nk - MULDIV255(C, nk), MULDIV255 rounding a * b / 255.
    const pillow = Array.from({ length: 16 * 16 * 3 }, (_, i) => {
      const [p, c] = [Math.floor(i / 3), i % 3];
      const nk = 255 - cmyk[4 * p + 3]!;
      return nk - Math.round((cmyk[4 * p + c]! * nk) / 255);
    });
    expect(Array.from(rgb)).toEqual(pillow);
  });

  it('converts a tagged CMYK JPEG written by libvips through its embedded profile: within 2% of the sRGB original', async () => {
    const profile = join(tempDir().dir, 'test-cmyk.icc');
    writeFileSync(profile, testCmykProfile());
    const tagged = await original().withIccProfile(profile).jpeg(JPEG).toBuffer();
    const withProfile = await measure(tagged);
    expect(withProfile.decode).toMatchObject({ format: 'jpeg', colourSpace: 'cmyk', profile: `embedded: ${TEST_CMYK_PROFILE_NAME}` });
    expectClose(withProfile, truth, 0.02);
    // The same CMYK numbers read without the profile are another picture: the profile was applied.
    const naive = await measure(withoutIcc(tagged));
    expect(Math.abs(naive.meanLuma / truth.meanLuma - 1)).toBeGreaterThan(0.1);
  });

  it("converts a CMYK JPEG tagged with libvips' own profile as that profile says, which is not its original", async () => {
    // Converted to CMYK as Photoshop does by default (relative colorimetric), by libvips with its own CMYK profile.
    const tagged = await original()
      .withIccProfile(await relativeColorimetricCmykProfile(tempDir().dir))
      .jpeg(JPEG)
      .toBuffer();
    const withProfile = await measure(tagged);
    expect(withProfile.decode).toMatchObject({ colourSpace: 'cmyk', profile: 'embedded: Chemical proof' });
    // libvips' CMYK profile does not invert itself (mid grey 128 comes back 115 with relative
    // colorimetric both ways, darks below 32 clip to 10,5,0): its round trip darkens and adds
    // table steps, which the Laplacian sees; see metrics/README.md. This is the profile, not the decoder.
    expect(Math.abs(withProfile.meanLuma / truth.meanLuma - 1)).toBeLessThan(0.05);
    expect(Math.abs(withProfile.colorfulness / truth.colorfulness - 1)).toBeLessThan(0.03);
    expect(Math.abs(withProfile.sharpness / truth.sharpness - 1)).toBeLessThan(0.3);
  });
});
