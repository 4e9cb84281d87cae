/**
 * A CMYK printer profile (ICC v2, PCS Lab) with a simple device model: the naive one with dot gain,
 * sRGB R = ((1 - C)(1 - K))^1.25, likewise G and B. Its A2B0 (CMYK -> Lab) and B2A0 (Lab -> CMYK,
 * without black, K = 0, as Pillow's convert("CMYK")) are each other's inverse up to table
 * interpolation, which libvips' own CMYK profile is not; so a file converted with it by libvips and
 * read back through it by lcms gives its original again, and read without it (naively) does not.
 * ICC.1:2001-04: header 6.1, lut16Type 6.5.7, Lab v2 encoding (L 0..100 -> 0..0xFF00, a and b
 * -128..127.996 -> 0..0xFFFF).
 */
export const TEST_CMYK_PROFILE_NAME = 'Loupe test CMYK (dot gain 1.25)';
const DOT_GAIN = 1.25;

const D50 = [0.9642, 1, 0.8249];
// sRGB to XYZ (D50), the ICC sRGB profile's colorants, and its inverse.
const TO_XYZ = [0.436075, 0.385065, 0.14308, 0.222504, 0.716879, 0.060617, 0.013932, 0.097105, 0.714173];
const FROM_XYZ = invert3(TO_XYZ);

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ].map((v) => v / det);
}
const mul = (m: number[], v: number[]) => [0, 1, 2].map((r) => m[3 * r]! * v[0]! + m[3 * r + 1]! * v[1]! + m[3 * r + 2]! * v[2]!);
const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toGamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
const f = (t: number) => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);
const fInv = (t: number) => (t > 6 / 29 ? t ** 3 : 3 * (6 / 29) ** 2 * (t - 4 / 29));

function labOfSrgb(rgb: number[]): number[] {
  const [x, y, z] = mul(TO_XYZ, rgb.map(toLinear)).map((v, k) => f(v / D50[k]!)) as [number, number, number];
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
function srgbOfLab([l, a, b]: number[]): number[] {
  const y = (l! + 16) / 116;
  const xyz = [fInv(y + a! / 500) * D50[0]!, fInv(y) * D50[1]!, fInv(y - b! / 200) * D50[2]!];
  return mul(FROM_XYZ, xyz).map((v) => toGamma(Math.min(1, Math.max(0, v))));
}

const u16 = (v: number) => Math.round(Math.min(65535, Math.max(0, v)));
const labToV2 = ([l, a, b]: number[]) => [u16((l! * 0xff00) / 100), u16((a! + 128) * 256), u16((b! + 128) * 256)];
const v2ToLab = ([l, a, b]: number[]) => [(l! * 100) / 0xff00, a! / 256 - 128, b! / 256 - 128];

/** lut16Type: identity matrix and curves, the grid (first input slowest) filled by `fn` on inputs 0..65535. */
function lut16(inputs: number, outputs: number, grid: number, fn: (x: number[]) => number[]): Buffer {
  const points = grid ** inputs;
  const out = Buffer.alloc(52 + inputs * 4 + points * outputs * 2 + outputs * 4);
  out.write('mft2', 0, 'latin1');
  out.writeUInt8(inputs, 8);
  out.writeUInt8(outputs, 9);
  out.writeUInt8(grid, 10);
  for (const k of [0, 4, 8]) out.writeInt32BE(65536, 12 + 4 * k);
  out.writeUInt16BE(2, 48);
  out.writeUInt16BE(2, 50);
  let at = 52;
  for (let c = 0; c < inputs; c++, at += 4) out.writeUInt16BE(65535, at + 2);
  for (let p = 0; p < points; p++) {
    const x = Array.from({ length: inputs }, (_, c) => ((Math.floor(p / grid ** (inputs - 1 - c)) % grid) * 65535) / (grid - 1));
    for (const v of fn(x)) (out.writeUInt16BE(u16(v), at), (at += 2));
  }
  for (let c = 0; c < outputs; c++, at += 4) out.writeUInt16BE(65535, at + 2);
  return out;
}

function desc(text: string): Buffer {
  const out = Buffer.alloc(12 + text.length + 1 + 8 + 3 + 67);
  out.write('desc', 0, 'latin1');
  out.writeUInt32BE(text.length + 1, 8);
  out.write(text, 12, 'latin1');
  return out;
}

function xyz(values: number[]): Buffer {
  const out = Buffer.alloc(20);
  out.write('XYZ ', 0, 'latin1');
  values.forEach((v, k) => out.writeInt32BE(Math.round(v * 65536), 8 + 4 * k));
  return out;
}

/** The profile's bytes. */
export function testCmykProfile(): Buffer {
  const a2b = lut16(4, 3, 17, ([c, m, y, k]) =>
    labToV2(labOfSrgb([c!, m!, y!].map((v) => ((1 - v / 65535) * (1 - k! / 65535)) ** DOT_GAIN))),
  );
  const b2a = lut16(3, 4, 33, (lab) => [...srgbOfLab(v2ToLab(lab)).map((v) => (1 - v ** (1 / DOT_GAIN)) * 65535), 0]);
  const tags: [string, Buffer][] = [
    ['desc', desc(TEST_CMYK_PROFILE_NAME)],
    ['wtpt', xyz(D50)],
    ['A2B0', a2b],
    ['B2A0', b2a],
  ];
  const header = Buffer.alloc(128 + 4 + tags.length * 12);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach(([sig, data], i) => {
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    header.write(sig, 132 + i * 12, 'latin1');
    header.writeUInt32BE(offset, 136 + i * 12);
    header.writeUInt32BE(data.length, 140 + i * 12);
    parts.push(padded);
    offset += padded.length;
  });
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8);
  header.write('prtrCMYKLab ', 12, 'latin1');
  header.write('acsp', 36, 'latin1');
  D50.forEach((v, k) => header.writeInt32BE(Math.round(v * 65536), 68 + 4 * k));
  header.writeUInt32BE(tags.length, 128);
  return Buffer.concat(parts);
}
