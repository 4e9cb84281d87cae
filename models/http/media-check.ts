import sharp from 'sharp';
import { type GeneratedMedia, type GenerationResult, type Modality, excerpt, failure } from '../../core/types/index.js';

/** The media type from the first bytes; a JSON error page or an HTML page saved as a PNG has none. */
export function sniffMime(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return 'video/mp4';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  return undefined;
}

/**
 * Checks bytes that should be media of a modality: the type is sniffed (never trusted from a
 * header or file name) and images are decoded in full, so a truncated file is caught here.
 */
export async function checkMedia(bytes: Uint8Array, modality: Modality, what: string): Promise<GenerationResult> {
  const mime = sniffMime(bytes);
  if (mime === undefined) {
    const start = Buffer.from(bytes.subarray(0, 80)).toString('utf8');
    return failure(
      'invalid-output',
      `${what}: expected ${modality} data, got ${bytes.byteLength} bytes that are not a known media type (${excerpt(start, 80)})`,
      false,
    );
  }
  if (!mime.startsWith(`${modality}/`)) return failure('invalid-output', `${what}: expected ${modality} data, got ${mime}`, false);
  if (modality === 'video') return { ok: true, media: { bytes, mime, width: 0, height: 0 } };
  try {
    const image = sharp(bytes, { failOn: 'truncated' });
    const meta = await image.metadata();
    await image.stats(); // decodes every pixel
    const media: GeneratedMedia = { bytes, mime, width: meta.width ?? 0, height: meta.height ?? 0 };
    return { ok: true, media };
  } catch (e) {
    return failure('invalid-output', `${what}: the ${mime} is damaged or truncated (${(e as Error).message})`, false);
  }
}
