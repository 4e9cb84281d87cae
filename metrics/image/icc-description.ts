/**
 * The name an ICC profile gives itself (its `desc` tag), for the decode details: ICC v2 stores
 * it as `textDescriptionType` (ASCII), v4 as `multiLocalizedUnicodeType` (UTF-16BE records).
 * ICC.1:2010 sections 7.3 (tag table) and 10.15 (mluc); ICC.1:2001-04 section 6.5.17 (desc).
 */
export function iccDescription(icc: Buffer): string | null {
  if (icc.length < 132) return null;
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= icc.length; i++) {
    const entry = 132 + i * 12;
    if (icc.toString('latin1', entry, entry + 4) !== 'desc') continue;
    const offset = icc.readUInt32BE(entry + 4);
    const size = icc.readUInt32BE(entry + 8);
    if (offset + size > icc.length || size < 12) return null;
    return textOf(icc.subarray(offset, offset + size));
  }
  return null;
}

function textOf(tag: Buffer): string | null {
  const type = tag.toString('latin1', 0, 4);
  if (type === 'desc') {
    const length = tag.readUInt32BE(8);
    return clean(tag.toString('latin1', 12, Math.min(tag.length, 12 + length)));
  }
  if (type === 'mluc' && tag.length >= 28) {
    // The first record: language, country, length in bytes, offset from the tag's start.
    const length = tag.readUInt32BE(20);
    const offset = tag.readUInt32BE(24);
    const end = Math.min(tag.length, offset + length);
    const utf16be = tag.subarray(offset, end - ((end - offset) % 2));
    return clean(Buffer.from(utf16be).swap16().toString('utf16le'));
  }
  return null;
}

function clean(text: string): string | null {
  const trimmed = text.replace(/\0+$/, '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The colour space an ICC profile is for (header bytes 16..19: `RGB`, `CMYK`, `GRAY`...), null when the header is not a profile's. */
export function iccColourSpace(icc: Buffer): string | null {
  if (icc.length < 132 || icc.toString('latin1', 36, 40) !== 'acsp') return null;
  return icc.toString('latin1', 16, 20).trim();
}
