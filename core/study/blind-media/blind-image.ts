import sharp from 'sharp';
import type { BlindedBytes } from './blinded-media.js';

/**
 * An image as nothing but pixels: decoded, turned upright by its EXIF orientation, converted to
 * sRGB through its ICC profile, and written again without any metadata (sharp keeps none unless
 * asked). A still image becomes a PNG, so its decoded pixels are kept exactly (after the sRGB
 * conversion); an animation (GIF, WebP) becomes a lossless animated WebP. Whatever chunks,
 * segments or comments the original carried (EXIF, XMP, IPTC, text chunks, GIF comments, the
 * ICC profile's own description) are never copied, since nothing is copied but pixels.
 */
export async function blindImage(bytes: Uint8Array): Promise<BlindedBytes> {
  const meta = await sharp(bytes).metadata();
  if ((meta.pages ?? 1) > 1) {
    const out = await sharp(bytes, { animated: true }).toColourspace('srgb').webp({ lossless: true }).toBuffer();
    return { bytes: out, mime: 'image/webp', durationMs: null, how: 'pixels' };
  }
  const out = await sharp(bytes).rotate().toColourspace('srgb').png().toBuffer();
  return { bytes: out, mime: 'image/png', durationMs: null, how: 'pixels' };
}
