/** Image files in other colour spaces, made from sRGB pixels the way real tools make them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { testCmykProfile } from './cmyk-test-profile.js';
import { blocks } from './test-pictures.js';

export const SIZE = 256;
/** The sRGB original: 8-pixel blocks of moderate colours (luma about 60..200, nothing clipped), softened a little. */
export const ORIGINAL = blocks(SIZE, 11).map((v) => Math.round(60 + (v * 140) / 255));
export const original = () => sharp(Buffer.from(ORIGINAL), { raw: { width: SIZE, height: SIZE, channels: 3 } }).blur(0.8);

export const JPEG = { quality: 100, chromaSubsampling: '4:4:4' } as const;

/**
 * Naive CMYK with full black generation, as ImageMagick's `-colorspace CMYK` and Pillow's
 * `convert("CMYK")` (there with K = 0) compute it, no profile: K = 255 - max(R, G, B),
 * C = 255 (255 - R - K) / (255 - K), likewise M and Y.
 */
export function naiveCmyk(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    const k = 255 - Math.max(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!);
    for (let c = 0; c < 3; c++) out[j + c] = k === 255 ? 0 : Math.round((255 * (255 - rgb[i + c]! - k)) / (255 - k));
    out[j + 3] = k;
  }
  return out;
}

/** An uncompressed baseline CMYK TIFF (TIFF 6.0 section 16: PhotometricInterpretation 5, InkSet 1), no profile. */
export function cmykTiff(cmyk: Uint8Array, width: number, height: number): Buffer {
  // [tag, type (3 SHORT, 4 LONG), value]; BitsPerSample and StripOffsets point past the directory.
  const tags: [number, 3 | 4, number][] = [
    [256, 3, width],
    [257, 3, height],
    [258, 3, 0],
    [259, 3, 1],
    [262, 3, 5],
    [273, 4, 0],
    [277, 3, 4],
    [278, 3, height],
    [279, 4, cmyk.length],
    [284, 3, 1],
    [332, 3, 1],
  ];
  const bitsAt = 8 + 2 + tags.length * 12 + 4;
  const dataAt = bitsAt + 8;
  const out = Buffer.alloc(dataAt + cmyk.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(tags.length, 8);
  tags.forEach(([tag, type, value], i) => {
    const entry = 10 + i * 12;
    out.writeUInt16LE(tag, entry);
    out.writeUInt16LE(type, entry + 2);
    out.writeUInt32LE(tag === 258 ? 4 : 1, entry + 4);
    if (tag === 258) out.writeUInt32LE(bitsAt, entry + 8);
    else if (tag === 273) out.writeUInt32LE(dataAt, entry + 8);
    else if (type === 3) out.writeUInt16LE(value, entry + 8);
    else out.writeUInt32LE(value, entry + 8);
  });
  for (let k = 0; k < 4; k++) out.writeUInt16LE(8, bitsAt + 2 * k);
  out.set(cmyk, dataAt);
  return out;
}

/** A CMYK JPEG (libjpeg through libvips: Adobe APP14 marker, inverted samples) holding exactly these CMYK numbers, no profile. */
export async function untaggedCmykJpeg(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(cmykTiff(naiveCmyk(rgb), width, height))
    .pipelineColourspace('cmyk')
    .toColourspace('cmyk')
    .jpeg(JPEG)
    .toBuffer();
}

/** The tag table of an ICC profile: signature -> [offset, size] (ICC.1:2010 section 7.3). */
function tagTable(icc: Buffer): Map<string, { entry: number; offset: number; size: number }> {
  const tags = new Map<string, { entry: number; offset: number; size: number }>();
  for (let i = 0; i < icc.readUInt32BE(128); i++) {
    const entry = 132 + i * 12;
    tags.set(icc.toString('latin1', entry, entry + 4), { entry, offset: icc.readUInt32BE(entry + 4), size: icc.readUInt32BE(entry + 8) });
  }
  return tags;
}

/**
 * libvips' CMYK profile with its perceptual output table (B2A0) pointed at the relative
 * colorimetric one (B2A1): sharp converts with the perceptual intent only, so this is how it
 * converts to CMYK the way Photoshop's "Convert to Profile" does by default (relative
 * colorimetric; libvips has no black-point compensation here). Written to `dir`; the path.
 */
export async function relativeColorimetricCmykProfile(dir: string): Promise<string> {
  const probe = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .withIccProfile('cmyk')
    .jpeg()
    .toBuffer();
  const icc = Buffer.from((await sharp(probe).metadata()).icc!);
  const tags = tagTable(icc);
  const colorimetric = tags.get('B2A1')!;
  icc.writeUInt32BE(colorimetric.offset, tags.get('B2A0')!.entry + 4);
  icc.writeUInt32BE(colorimetric.size, tags.get('B2A0')!.entry + 8);
  icc.fill(0, 84, 100); // profile ID (MD5): zero means "not computed"
  const path = join(dir, 'cmyk-relative-colorimetric.icc');
  writeFileSync(path, icc);
  return path;
}

/** The JPEG without its APP2 ICC_PROFILE segments: the same CMYK numbers, no profile. */
export function withoutIcc(jpeg: Buffer): Buffer {
  const parts = [jpeg.subarray(0, 2)];
  for (let p = 2; p < jpeg.length;) {
    if (jpeg[p + 1] === 0xda) return Buffer.concat([...parts, jpeg.subarray(p)]);
    const segment = jpeg.subarray(p, p + 2 + jpeg.readUInt16BE(p + 2));
    if (!(jpeg[p + 1] === 0xe2 && segment.toString('latin1', 4, 15) === 'ICC_PROFILE')) parts.push(segment);
    p += segment.length;
  }
  throw new Error('no scan in the JPEG');
}

/** The JPEG with `icc` embedded as one APP2 ICC_PROFILE segment (ICC.1:2010 annex B.4), right after SOI. */
export function withIcc(jpeg: Buffer, icc: Buffer): Buffer {
  const head = Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1');
  const marker = Buffer.from([0xff, 0xe2, 0, 0]);
  marker.writeUInt16BE(2 + head.length + icc.length, 2);
  return Buffer.concat([jpeg.subarray(0, 2), marker, head, icc, jpeg.subarray(2)]);
}

/**
 * An Adobe RGB (1998)-like profile: libvips' Display P3 profile with its colorants replaced by
 * Adobe RGB's (D50-adapted, as in Adobe's own profile) and its name by "aRGB".
 */
export function adobeLikeProfile(p3: Buffer): Buffer {
  const icc = Buffer.from(p3);
  icc.fill(0, 84, 100); // profile ID (MD5): zero means "not computed"
  const colorants: Record<string, number[]> = {
    rXYZ: [0.6097, 0.3111, 0.0195],
    gXYZ: [0.2053, 0.6257, 0.0609],
    bXYZ: [0.1492, 0.0632, 0.7446],
  };
  for (const [tag, { offset }] of tagTable(icc)) {
    if (colorants[tag]) colorants[tag]!.forEach((v, k) => icc.writeInt32BE(Math.round(v * 65536), offset + 8 + 4 * k));
    if (tag === 'desc')
      (icc.write('aRGB', icc.readUInt32BE(offset + 24) + offset, 'utf16le'),
        icc.subarray(offset + icc.readUInt32BE(offset + 24), offset + icc.readUInt32BE(offset + 24) + 8).swap16());
  }
  return icc;
}

/** Every kind of file the colour tests and `bench/colour.ts` compare with the sRGB original, by name. */
export async function colourFileKinds(dir: string) {
  const rgb = await original().raw().toBuffer();
  const p3 = await original().withIccProfile('p3').png().toBuffer();
  const adobePath = join(dir, 'adobe-like.icc');
  writeFileSync(adobePath, adobeLikeProfile((await sharp(p3).metadata()).icc!));
  const perceptual = await original().withIccProfile('cmyk').jpeg(JPEG).toBuffer();
  const testProfilePath = join(dir, 'test-cmyk.icc');
  writeFileSync(testProfilePath, testCmykProfile());
  return {
    original: await original().png().toBuffer(),
    'srgb-jpeg': await original().jpeg(JPEG).toBuffer(),
    'p3-png': p3,
    'adobe-rgb-png': await original().withIccProfile(adobePath).png().toBuffer(),
    'p3-png-16bit': await original().withIccProfile('p3').toColourspace('rgb16').png().toBuffer(),
    'cmyk-jpeg-naive-untagged': await untaggedCmykJpeg(rgb, SIZE, SIZE),
    'cmyk-jpeg-tagged-test-profile': await original().withIccProfile(testProfilePath).jpeg(JPEG).toBuffer(),
    'cmyk-jpeg-test-profile-stripped': withoutIcc(await original().withIccProfile(testProfilePath).jpeg(JPEG).toBuffer()),
    'cmyk-jpeg-tagged-relative': await original()
      .withIccProfile(await relativeColorimetricCmykProfile(dir))
      .jpeg(JPEG)
      .toBuffer(),
    'cmyk-jpeg-tagged-perceptual': perceptual,
    'cmyk-jpeg-perceptual-profile-stripped': withoutIcc(perceptual),
  };
}
