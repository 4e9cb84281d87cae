/**
 * Reasons a file is not a readable image, in words a user can act on, instead of libvips' own
 * messages (which repeat, and name libvips' internals).
 */

/** Signatures of the formats the metrics decode (sharp's loaders). */
const SIGNATURES: readonly (readonly number[])[] = [
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
  [0x49, 0x49, 0x2a, 0x00], // TIFF, little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF, big-endian
  [0x42, 0x4d], // BMP
];
/** AVIF and HEIF: an ISO-BMFF `ftyp` box at offset 4. */
const FTYP = [0x66, 0x74, 0x79, 0x70];

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);

/** Null when the bytes may be an image; else why not, quoting what the file starts with when it is text. */
export function notAnImage(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty (0 bytes)';
  if (SIGNATURES.some((sig) => startsWith(bytes, sig)) || startsWith(bytes, FTYP, 4)) return null;
  const head = bytes.subarray(0, 64);
  // Text (an HTML error page, a JSON error saved as the image) has no control bytes: quote its start.
  if (head.every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    const text = Buffer.from(head).toString('utf8').trimStart();
    const quote = [...text.split(/\r?\n/)[0]!].slice(0, 24).join('');
    return `not an image (starts with "${quote}"${/^<(!doctype|html)/i.test(text) ? ', an HTML page' : ''})`;
  }
  return null;
}

/** libvips' message for a damaged file, turned into one line naming the problem. */
export function decodeFailure(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('unsupported image format')) return 'not an image sharp can decode (unknown or unsupported format)';
  if (m.includes('missing sos marker') || m.includes('corrupt header'))
    return 'truncated or damaged JPEG: the file ends before the image data';
  if (m.includes('premature end of jpeg')) return 'truncated JPEG: the image data ends early';
  if (m.includes('libpng read error') || m.includes('not enough image data'))
    return 'truncated or damaged PNG: the image data ends early or is corrupt';
  if (m.includes('premature end') || m.includes('truncated') || m.includes('unexpected end'))
    return 'truncated file: the image data ends early';
  // Anything else: libvips' first line, once.
  return message.split('\n')[0]!.trim();
}
