/**
 * Removes metadata that could name a generator (text chunks, EXIF, XMP, C2PA manifests,
 * comments) from PNG and JPEG bytes without touching the pixels: chunks and segments are
 * dropped, never re-encoded. Other formats pass through unchanged.
 */
export function stripMetadata(bytes: Uint8Array, mime: string): Uint8Array {
  if (mime === 'image/png' && isPng(bytes)) return stripPng(bytes);
  if (mime === 'image/jpeg' && bytes[0] === 0xff && bytes[1] === 0xd8) return stripJpeg(bytes);
  return bytes;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Chunks that affect how the image looks (PNG spec and APNG); everything else is dropped. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
  'cICP',
]);

function isPng(b: Uint8Array): boolean {
  return PNG_SIGNATURE.every((x, i) => b[i] === x);
}

function stripPng(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > b.length) break;
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (PNG_KEEP.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

/** APP0 (JFIF), APP2 holding an ICC profile and APP14 (Adobe colour transform) change how pixels decode; other APPn and COM do not. */
function keepJpegSegment(marker: number, data: Uint8Array): boolean {
  if (marker === 0xfe) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0 || marker === 0xee) return true;
  return marker === 0xe2 && String.fromCharCode(...data.subarray(0, 11)) === 'ICC_PROFILE';
}

function stripJpeg(b: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    // Start of scan: the entropy-coded data and everything after it are copied as they are.
    if (marker === 0xda) break;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const end = at + 2 + length;
    if (end > b.length) break;
    if (keepJpegSegment(marker, b.subarray(at + 4, end))) parts.push(b.subarray(at, end));
    at = end;
  }
  parts.push(b.subarray(at));
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
