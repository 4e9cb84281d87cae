import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripMetadata } from '../../../rater-ui/server/strip-metadata.js';
import { withTextChunk } from '../study-fixture.js';

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const pixels = async (b: Uint8Array) => (await sharp(b).raw().toBuffer({ resolveWithObject: true })).data;

describe('stripMetadata', () => {
  it('drops PNG text chunks and keeps every pixel', async () => {
    const plain = await sharp({ create: { width: 8, height: 6, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const signed = withTextChunk(plain, 'Software', 'gen-secret-model v2');
    expect(latin1(signed)).toContain('gen-secret-model');
    expect(await pixels(signed)).toEqual(await pixels(plain));
    const clean = stripMetadata(signed, 'image/png');
    expect(latin1(clean)).not.toContain('gen-secret-model');
    expect(Buffer.from(clean)).toEqual(plain);
    expect(await pixels(clean)).toEqual(await pixels(plain));
  });

  it('drops JPEG EXIF and comments, keeps the ICC profile and the pixels', async () => {
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 40, b: 90 } } })
      .withExif({ IFD0: { Software: 'gen-secret-model', Artist: 'gen-secret-model' } })
      .withIccProfile('srgb')
      .jpeg({ quality: 90 })
      .toBuffer();
    expect(latin1(jpeg)).toContain('gen-secret-model');
    const clean = stripMetadata(jpeg, 'image/jpeg');
    expect(latin1(clean)).not.toContain('gen-secret-model');
    expect(latin1(clean)).toContain('ICC_PROFILE');
    expect(await pixels(clean)).toEqual(await pixels(jpeg));
    expect((await sharp(clean).metadata()).exif).toBeUndefined();
  });

  it('passes other types through unchanged', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(stripMetadata(bytes, 'video/mp4')).toBe(bytes);
    expect(stripMetadata(bytes, 'image/png')).toBe(bytes);
  });
});
