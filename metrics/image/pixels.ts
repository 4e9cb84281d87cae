import sharp from 'sharp';
import { COLOUR_CONVERSION, decodeImage, IMAGE_LIMITS, type ImageDecode } from './open-image.js';

/** Images are analysed with their longest side at most this many pixels, so a huge file costs a bounded amount. */
export const ANALYSIS_MAX_SIDE = 512;

export const DECODE_PROVENANCE = {
  decoder: `sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips})`,
  preprocessing: `${COLOUR_CONVERSION}; alpha flattened onto black; downscaled (Lanczos3, never enlarged) so the longest side is at most ${ANALYSIS_MAX_SIDE} px`,
  limits: `${IMAGE_LIMITS.minSide} to ${IMAGE_LIMITS.maxSide} pixels a side, at most ${IMAGE_LIMITS.maxMegapixels} megapixels`,
  greyscale: 'Rec. 601 luma 0.299 R + 0.587 G + 0.114 B, rounded to integers 0..255',
} as const;

export interface AnalysedImage {
  /** Size of the analysed (possibly downscaled) copy. */
  width: number;
  height: number;
  /** Size of the file as stored. */
  sourceWidth: number;
  sourceHeight: number;
  /** Interleaved 8-bit RGB, width * height * 3 values. */
  rgb: Uint8Array;
  /** What decoding did to the file; absent for video frames. */
  decode?: ImageDecode;
}

/** Decodes an image file for analysis. Throws an Error "cannot read image <path>: <reason>". */
export async function decodeForAnalysis(path: string): Promise<AnalysedImage> {
  const { result, decode } = await decodeImage(path, 'black', async (image, source) => {
    const { data, info } = await image
      .resize({ width: ANALYSIS_MAX_SIDE, height: ANALYSIS_MAX_SIDE, fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, got ${info.channels}`);
    const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return { width: info.width, height: info.height, sourceWidth: source.width, sourceHeight: source.height, rgb };
  });
  return { ...result, decode };
}

/** Decoded 8-bit RGB (a video frame) brought to the analysis size the way `decodeForAnalysis` brings a file. */
export async function rgbForAnalysis(rgb: Uint8Array, width: number, height: number): Promise<AnalysedImage> {
  const { data, info } = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize({ width: ANALYSIS_MAX_SIDE, height: ANALYSIS_MAX_SIDE, fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { width: info.width, height: info.height, sourceWidth: width, sourceHeight: height, rgb: out };
}
