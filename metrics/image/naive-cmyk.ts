import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';

/**
 * A CMYK file without a profile, in sRGB the way Chrome (Skia's `swizzle_cmyk_to_rgba`), Firefox
 * (`nsJPEGDecoder`'s `cmyk_convert_rgb`) and Pillow (`cmyk2rgb`) show it:
 * R = (1 - C)(1 - K), G = (1 - M)(1 - K), B = (1 - Y)(1 - K), with C, M, Y, K ink amounts 0..1.
 * libvips has already undone the inversion of Adobe CMYK JPEGs (APP14 marker), as those decoders
 * do. libvips itself would assume its default print profile, which no viewer does: the same file
 * would measure otherwise than people see it. A fifth band (alpha) is kept.
 */
export async function naiveCmykToSrgb(bytes: Buffer, meta: Metadata, options: SharpOptions): Promise<Sharp> {
  const depth = meta.depth === 'ushort' ? 'ushort' : 'uchar';
  const { data, info } = await sharp(bytes, options)
    .pipelineColourspace('cmyk')
    .toColourspace('cmyk')
    .raw({ depth })
    .toBuffer({ resolveWithObject: true });
  const ink = depth === 'ushort' ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : data;
  const max = depth === 'ushort' ? 65535 : 255;
  const bands = info.channels;
  const alpha = bands > 4 ? 1 : 0;
  const pixels = info.width * info.height;
  const out = Buffer.alloc(pixels * (3 + alpha));
  for (let p = 0, i = 0, o = 0; p < pixels; p++, i += bands, o += 3 + alpha) {
    const white = (max - ink[i + 3]!) / (max * max);
    for (let c = 0; c < 3; c++) out[o + c] = Math.round(255 * (max - ink[i + c]!) * white);
    if (alpha) out[o + 3] = Math.round((255 * ink[i + 4]!) / max);
  }
  return sharp(out, { raw: { width: info.width, height: info.height, channels: (3 + alpha) as 3 | 4 } });
}
