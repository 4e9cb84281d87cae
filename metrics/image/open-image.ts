import { readFile } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { iccColourSpace, iccDescription } from './icc-description.js';
import { decodeFailure, notAnImage } from './image-reasons.js';
import { naiveCmykToSrgb } from './naive-cmyk.js';

/**
 * Sizes a generated image may have. Below 8 pixels a side there is nothing to measure (the
 * sharpness and noise filters need a neighbourhood, CLIP would enlarge a dot); above 16384 a side
 * or 100 megapixels (generators give at most about 8192 a side) the file is an accident or a bomb,
 * and refusing it from the header costs nothing.
 */
export const IMAGE_LIMITS = { minSide: 8, maxSide: 16_384, maxMegapixels: 100 } as const;

const SHARP_OPTIONS: SharpOptions = { limitInputPixels: IMAGE_LIMITS.maxMegapixels * 1e6, failOn: 'error' };

/** What happens to transparency: each consumer says (analysis: black, OCR: white, CLIP: dropped as PIL's convert("RGB")). */
export type AlphaPolicy = 'black' | 'white' | 'drop';
const ALPHA_WORDS: Record<AlphaPolicy, string> = { black: 'flattened onto black', white: 'flattened onto white', drop: 'dropped' };

/** What was done to bring a file to 8-bit sRGB, for the details of every score made from it. */
export interface ImageDecode {
  format: string;
  colourSpace: string;
  profile: string;
  bitDepth: number;
  alpha: string;
  frames: string;
  sourceSize: string;
}

/** What `decodeImage` does to every file, for the provenance of the metrics that read images. */
export const COLOUR_CONVERSION =
  'first frame of an animation; an embedded ICC profile applied into sRGB with the perceptual intent (lcms through libvips); CMYK without a profile as R = (1 - C)(1 - K), likewise G and B (as Chrome, Firefox and Pillow show it); else sRGB assumed; 16-bit samples to 8 bits as round(x / 257) (by their high byte when a profile is applied); greyscale expanded to RGB';

export const imageError = (path: string, reason: string) => new Error(`cannot read image ${path}: ${reason}`);

/**
 * Reads an image file and hands `finish` a sharp pipeline that yields the first frame in 8-bit
 * sRGB with alpha handled as asked; `finish` adds its own resize and output. Every failure, also
 * inside `finish`, is an Error "cannot read image <path>: <reason>".
 */
export async function decodeImage<T>(
  path: string,
  alpha: AlphaPolicy,
  finish: (image: Sharp, meta: { width: number; height: number }) => Promise<T>,
): Promise<{ result: T; decode: ImageDecode }> {
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw imageError(path, err.code === 'ENOENT' ? 'the file does not exist' : err.message);
  });
  const bad = notAnImage(bytes);
  if (bad) throw imageError(path, bad);
  try {
    // The header only: the size is checked here, with its own message, before anything is decoded.
    const meta = await sharp(bytes, { ...SHARP_OPTIONS, limitInputPixels: false }).metadata();
    const size = sizeProblem(meta);
    if (size) throw imageError(path, size);
    const misfit = profileMisfit(meta);
    const image = misfit
      ? await inSrgb(bytes, { ...meta, icc: undefined }, alpha, { ...SHARP_OPTIONS, ignoreIcc: true })
      : await inSrgb(bytes, meta, alpha, SHARP_OPTIONS);
    const result = await finish(image, { width: meta.width, height: meta.height });
    return { result, decode: describe(meta, alpha, misfit) };
  } catch (err) {
    const message = (err as Error).message;
    throw message.startsWith('cannot read image ') ? err : imageError(path, decodeFailure(message));
  }
}

function sizeProblem({ width, height }: Metadata): string | null {
  const { minSide, maxSide, maxMegapixels } = IMAGE_LIMITS;
  if (!width || !height) return 'the file gives no image size';
  if (width < minSide || height < minSide) return `${width}x${height} is smaller than the ${minSide}x${minSide} minimum`;
  if (width > maxSide || height > maxSide || width * height > maxMegapixels * 1e6)
    return `${width}x${height} (${((width * height) / 1e6).toFixed(0)} megapixels) is larger than the limit of ${maxSide} pixels a side and ${maxMegapixels} megapixels`;
  return null;
}

/**
 * Why an embedded profile cannot apply to the pixels (not a profile, or one for another colour
 * space), else null. Such a profile is ignored, as Chrome does: libvips would refuse it with a
 * warning and then convert CMYK with its own print profile.
 */
function profileMisfit(meta: Metadata): string | null {
  if (!meta.icc) return null;
  const space = iccColourSpace(meta.icc);
  const pixels = meta.space === 'cmyk' ? 'CMYK' : (meta.channels ?? 3) <= 2 ? 'GRAY' : 'RGB';
  if (space === null) return 'not a valid ICC profile';
  return space === pixels ? null : `${space === 'RGB' ? 'an' : 'a'} ${space} profile on ${pixels} pixels`;
}

/**
 * sharp applies an embedded profile into sRGB with the perceptual intent (the only one it offers),
 * but converts a 16-bit image with a profile into Display P3 instead (its
 * processing space for RGB16) and ignores the profile of 16-bit grey. Those files are first brought
 * to 8 bits (high byte) with their profile kept, so that the profile then takes them to sRGB like any
 * other; 16-bit files without a profile are rounded to 8 bits here.
 */
async function inSrgb(bytes: Buffer, meta: Metadata, alpha: AlphaPolicy, options: SharpOptions): Promise<Sharp> {
  let image = sharp(bytes, options);
  if (meta.space === 'cmyk' && !meta.icc) image = await naiveCmykToSrgb(bytes, meta, options);
  else if (meta.depth === 'ushort' && !meta.icc) image = await roundedTo8Bits(image, meta.space === 'grey16' ? 'grey16' : 'rgb16');
  else if (meta.depth === 'ushort') {
    const eightBit = meta.space === 'grey16' ? 'b-w' : 'srgb';
    image = sharp(await image.keepIccProfile().toColourspace(eightBit).png({ compressionLevel: 1 }).toBuffer(), options);
  }
  const opaque = alpha === 'drop' ? image.removeAlpha() : image.flatten({ background: alpha === 'black' ? '#000000' : '#ffffff' });
  return opaque.toColourspace('srgb');
}

/** Bits per sample of libvips' band formats. */
const BITS: Record<string, number> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };

/** libvips takes the high byte of 16-bit samples (x >> 8), up to a level off; round(x / 257) maps 0..65535 onto 0..255 evenly. */
async function roundedTo8Bits(image: Sharp, space: 'rgb16' | 'grey16'): Promise<Sharp> {
  const { data, info } = await image.toColourspace(space).raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  const wide = new Uint16Array(data.buffer, data.byteOffset, data.length / 2);
  const narrow = Buffer.alloc(wide.length);
  for (let i = 0; i < wide.length; i++) narrow[i] = Math.round(wide[i]! / 257);
  return sharp(narrow, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

function describe(meta: Metadata, alpha: AlphaPolicy, misfit: string | null): ImageDecode {
  const name = meta.icc ? (iccDescription(meta.icc) ?? 'unnamed profile') : null;
  const fallback = meta.space === 'cmyk' ? 'naive CMYK inversion (as browsers and Pillow)' : 'assumed sRGB';
  const profile = !name ? `none, ${fallback}` : misfit ? `embedded "${name}" ignored (${misfit}), ${fallback}` : `embedded: ${name}`;
  const pages = meta.pages ?? 1;
  return {
    format: meta.format ?? 'unknown',
    colourSpace: meta.space ?? 'unknown',
    profile,
    bitDepth: BITS[meta.depth ?? 'uchar'] ?? 8,
    alpha: meta.hasAlpha ? ALPHA_WORDS[alpha] : 'none',
    frames: pages > 1 ? `first of ${pages}` : 'single',
    sourceSize: `${meta.width}x${meta.height}`,
  };
}
