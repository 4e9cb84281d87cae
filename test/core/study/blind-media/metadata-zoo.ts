import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { withPngChunk } from '../../../rater-ui/study-fixture.js';

/** What a generator might stamp into its files: the zoo hides it in every place a name can go. */
export const SECRET = 'ZooSecret-gen-omega-5v8';
/** Encoder and muxer strings that would tell one generator's files from another's. */
export const ENCODER_STRINGS = ['x264', 'x265', 'Lavc5', 'Lavf5', 'libvorbis', 'Xiph'];

export interface ZooFile {
  name: string;
  bytes: Buffer;
  mime: string;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const segment = (marker: number, data: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);
const picture = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 100, b: 50 } } });

/** The still images and clips of the zoo, each carrying SECRET in its own way, made in `dir`. */
export async function makeZoo(dir: string): Promise<ZooFile[]> {
  return [
    { name: 'png-text-chunks', bytes: pngWithChunks(await picture(24, 16).png().toBuffer()), mime: 'image/png' },
    { name: 'jpeg-segments', bytes: await jpegWithSegments(), mime: 'image/jpeg' },
    {
      name: 'webp-exif-xmp',
      bytes: await picture(24, 16)
        .webp()
        .withExif({ IFD0: { Software: SECRET } })
        .withXmp(xmp())
        .toBuffer(),
      mime: 'image/webp',
    },
    { name: 'gif-comment', bytes: gifWithComment(await picture(24, 16).gif().toBuffer()), mime: 'image/gif' },
    { name: 'png-icc-description', bytes: await pngWithProfile(), mime: 'image/png' },
    { name: 'h264-sei-mp4', bytes: h264(dir), mime: 'video/mp4' },
    { name: 'hevc-x265-mp4', bytes: hevc(dir), mime: 'video/mp4' },
    { name: 'vp9-vorbis-webm', bytes: vp9(dir), mime: 'video/webm' },
  ];
}

function xmp(): string {
  return `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${SECRET}"/></rdf:RDF></x:xmpmeta>`;
}

/** tEXt, iTXt, zTXt and eXIf chunks before IDAT, and the same after it. */
function pngWithChunks(png: Buffer): Buffer {
  const chunks: [string, Buffer][] = [
    ['tEXt', latin1(`Software\0${SECRET}`)],
    ['iTXt', Buffer.from(`Comment\0\0\0en\0\0${SECRET}`, 'utf8')],
    ['zTXt', Buffer.concat([latin1('Author\0\0'), deflateSync(SECRET)])],
    ['eXIf', Buffer.concat([latin1('MM\0*\0\0\0\x08'), latin1(SECRET)])],
  ];
  let out = png;
  for (const [type, data] of chunks) out = withPngChunk(withPngChunk(out, type, data, 'after-IHDR'), type, data, 'before-IEND');
  return out;
}

/** A JPEG with EXIF and XMP (written by sharp), and a COM and a Photoshop APP13 segment after SOI. */
async function jpegWithSegments(): Promise<Buffer> {
  const jpeg = await picture(24, 16)
    .jpeg()
    .withExif({ IFD0: { ImageDescription: SECRET } })
    .withXmp(xmp())
    .toBuffer();
  const com = segment(0xfe, latin1(SECRET));
  const app13 = segment(0xed, Buffer.concat([latin1('Photoshop 3.0\x008BIM\x04\x04\x00\x00'), latin1(SECRET)]));
  return Buffer.concat([jpeg.subarray(0, 2), com, app13, jpeg.subarray(2)]);
}

/** A GIF comment extension right after the header and global colour table. */
function gifWithComment(gif: Buffer): Buffer {
  const packed = gif[10]!;
  const at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe, SECRET.length]), latin1(SECRET), Buffer.from([0])]);
  return Buffer.concat([gif.subarray(0, at), comment, gif.subarray(at)]);
}

/** The Display P3 profile sharp ships, with its description tag replaced by one naming SECRET (mluc, UTF-16BE). */
export async function pngWithProfile(): Promise<Buffer> {
  const p3 = (await sharp(await picture(4, 4).withIccProfile('p3').png().toBuffer()).metadata()).icc!;
  const text = Buffer.from(SECRET, 'utf16le').swap16();
  const mluc = Buffer.concat([latin1('mluc\0\0\0\0'), u32(1), u32(12), latin1('enUS'), u32(text.length), u32(28), text]);
  const padded = Buffer.concat([p3, Buffer.alloc((4 - (p3.length % 4)) % 4)]);
  // Profiles are a whole number of 4-byte words long (libpng refuses others).
  const profile = Buffer.concat([padded, mluc, Buffer.alloc((4 - (mluc.length % 4)) % 4)]);
  profile.writeUInt32BE(profile.length, 0);
  profile.fill(0, 84, 100); // the profile id (an MD5) no longer holds
  for (let i = 0; i < profile.readUInt32BE(128); i++) {
    const entry = 132 + 12 * i;
    if (profile.toString('latin1', entry, entry + 4) !== 'desc') continue;
    profile.writeUInt32BE(padded.length, entry + 4);
    profile.writeUInt32BE(mluc.length, entry + 8);
  }
  // An iCCP chunk: profile name, compression method 0, the zlib-compressed profile.
  const iccp = Buffer.concat([latin1('P3 secret\0\0'), deflateSync(profile)]);
  return withPngChunk(await picture(24, 16).png().toBuffer(), 'iCCP', iccp, 'after-IHDR');
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function ffmpeg(dir: string, name: string, args: string[]): Buffer {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=96x64:rate=10:duration=1', ...args, out]);
  return readFileSync(out);
}

/** x264's options SEI, a custom user-data SEI, container and handler names, and AAC (whose encoder writes "Lavc"). */
function h264(dir: string): Buffer {
  return ffmpeg(dir, 'zoo-h264.mp4', [
    ...['-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    ...['-bsf:v', `h264_metadata=sei_user_data=086f3693-b7b3-4f2c-9653-21492feee5b8+${SECRET}`],
    ...['-metadata', `title=${SECRET}`, '-metadata:s:v', `handler_name=${SECRET}`, '-metadata:s:a', `handler_name=${SECRET}`],
  ]);
}

/** x265's options string (in the stream headers) and a container title. */
function hevc(dir: string): Buffer {
  return ffmpeg(dir, 'zoo-hevc.mp4', [
    ...['-c:v', 'libx265', '-pix_fmt', 'yuv420p', '-x265-params', 'log-level=error', '-tag:v', 'hvc1'],
    ...['-metadata', `title=${SECRET}`, '-metadata:s:v', `handler_name=${SECRET}`],
  ]);
}

/** WebM tags on the file and the streams, and Vorbis comments (in the codec's private data). */
function vp9(dir: string): Buffer {
  return ffmpeg(dir, 'zoo-vp9.webm', [
    ...['-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libvpx-vp9', '-c:a', 'libvorbis'],
    ...['-metadata', `title=${SECRET}`, '-metadata:s:v', `title=${SECRET}`, '-metadata:s:a', `artist=${SECRET}`],
  ]);
}
/** Which of `strings` the bytes spell: as Latin-1/UTF-8, or as UTF-16 either way round (ICC text is UTF-16BE). */
export function hiddenStrings(bytes: Uint8Array, strings: readonly string[]): string[] {
  const b = Buffer.from(bytes);
  return strings.filter((s) =>
    [Buffer.from(s, 'latin1'), Buffer.from(s, 'utf16le'), Buffer.from(s, 'utf16le').swap16()].some((x) => b.includes(x)),
  );
}
