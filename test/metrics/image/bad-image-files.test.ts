import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeForAnalysis } from '../../../metrics/image/pixels.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

async function reason(bytes: Buffer): Promise<string> {
  const { dir } = tempDir();
  const path = `${dir}/image.png`;
  writeFileSync(path, bytes);
  const err = await decodeForAnalysis(path).then(
    () => new Error('decoded'),
    (e: Error) => e,
  );
  expect(err.message.startsWith(`cannot read image ${path}: `)).toBe(true);
  return err.message.slice(`cannot read image ${path}: `.length);
}

/** A PNG whose header (IHDR) claims another size, its CRC recomputed: refused before any decoding. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#777' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

describe('bad image files', () => {
  it('names the problem instead of libvips messages', async () => {
    expect(await reason(Buffer.from('<!DOCTYPE html>\n<html><body>429 Too Many Requests</body></html>'))).toBe(
      'not an image (starts with "<!DOCTYPE html>", an HTML page)',
    );
    expect(await reason(Buffer.alloc(0))).toBe('the file is empty (0 bytes)');
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a33' } })
      .jpeg()
      .toBuffer();
    const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    expect(await reason(jpeg.subarray(0, scan - 8))).toMatch(/^truncated or damaged JPEG: the file ends before the image data$/);
    expect(await reason(jpeg.subarray(0, Math.floor((scan + jpeg.length) / 2)))).toBe('truncated JPEG: the image data ends early');
    expect(
      await reason(
        await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
      ),
    ).toBe('1x1 is smaller than the 8x8 minimum');
    expect(await reason(await pngClaiming(20000, 20000))).toBe(
      '20000x20000 (400 megapixels) is larger than the limit of 16384 pixels a side and 100 megapixels',
    );
  });
});
