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
  const cut = missingEnd(bytes, mime);
  if (cut) return failure('invalid-output', `${what}: the ${mime} is damaged or truncated (${cut})`, false);
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

const JPEG_SCAN = Buffer.from([0xff, 0xda]);
const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * Why a file stops before its format's end, read from its bytes: a JPEG's end-of-image marker
 * after its last scan (neither can occur inside scan data, where 0xFF is followed by 0 or a
 * restart marker; an appended second picture brings its own), a PNG's IEND chunk. The decode
 * below would say so too, but libvips was seen to let a cut JPEG through in one process of the
 * test suite and not in another, and a check must not depend on what the process did before.
 */
function missingEnd(bytes: Uint8Array, mime: string): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/jpeg' && b.lastIndexOf(JPEG_END) < b.lastIndexOf(JPEG_SCAN)) return 'no end-of-image marker after the image data';
  if (mime === 'image/png' && b.lastIndexOf('IEND', undefined, 'latin1') < 0) return 'no IEND chunk at the end';
  return undefined;
}
