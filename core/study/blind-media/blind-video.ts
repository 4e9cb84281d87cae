import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlindedBytes } from './blinded-media.js';
import { runTool, type MediaTools } from './media-tools.js';

/**
 * Stream copies that keep nothing but coded pictures, per codec (ffmpeg's `filter_units` drops
 * whole units by type): H.264 loses SEI (6, where x264 writes its options and generators their
 * user data) and the reserved and unspecified types 12-31; AV1 loses metadata and padding OBUs
 * (5, 15). VP8 and VP9 frames have no place for user data.
 */
const STREAM_COPY: Readonly<Record<string, { container: 'mp4' | 'webm'; bsf: string | null }>> = {
  h264: { container: 'mp4', bsf: 'filter_units=remove_types=6|12-31' },
  vp8: { container: 'webm', bsf: null },
  vp9: { container: 'webm', bsf: null },
  av1: { container: 'webm', bsf: 'filter_units=remove_types=5|15' },
};
const MIME = { mp4: 'video/mp4', webm: 'video/webm' } as const;
/** Sound is always re-encoded: an AAC stream copied as is keeps its encoder's fill elements ("Lavc59..."). */
const AUDIO = { mp4: ['-c:a', 'aac', '-b:a', '160k'], webm: ['-c:a', 'libopus', '-b:a', '128k'] } as const;
/** No container, stream or chapter tags, no attachments, subtitles or data streams, no version strings. */
const BARE = [
  '-map_metadata',
  '-1',
  '-map_chapters',
  '-1',
  '-dn',
  '-sn',
  '-fflags',
  '+bitexact',
  '-flags:v',
  '+bitexact',
  '-flags:a',
  '+bitexact',
];

/**
 * A clip as nothing but pictures and sound. The video stream is copied without its user-data
 * units where its codec allows and the decoded frames stay identical (checked with framemd5);
 * otherwise (HEVC, whose encoder string rides in the stream headers, and any other codec) it is
 * re-encoded to lossless VP9, whose decoded frames equal the original's too.
 */
export async function blindVideo(path: string, tools: MediaTools): Promise<BlindedBytes> {
  const streams = await probeStreams(path, tools);
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video) throw new Error('it has no video stream');
  const audio = streams.some((s) => s.codec_type === 'audio');
  const plan = STREAM_COPY[video.codec_name ?? ''];
  if (plan) {
    const copy = await encode(path, tools, plan.container, audio, ['-c:v', 'copy', ...(plan.bsf ? ['-bsf:v', plan.bsf] : [])]);
    if ((await frameHashes(path, tools)) === (await frameHashes(copy.path, tools))) return finish(copy, tools, 'bitstream');
    await rm(copy.path, { force: true });
  }
  const lossless = ['-c:v', 'libvpx-vp9', '-lossless', '1', '-row-mt', '1', '-deadline', 'realtime', '-cpu-used', '8'];
  return finish(await encode(path, tools, 'webm', audio, lossless), tools, 'lossless');
}

interface Encoded {
  path: string;
  container: 'mp4' | 'webm';
}

async function encode(input: string, tools: MediaTools, container: 'mp4' | 'webm', audio: boolean, video: string[]): Promise<Encoded> {
  const out = join(tmpdir(), `loupe-blind-${randomBytes(8).toString('hex')}.${container}`);
  const maps = ['-map', '0:v:0', ...(audio ? ['-map', '0:a:0', ...AUDIO[container]] : ['-an'])];
  const faststart = container === 'mp4' ? ['-movflags', '+faststart'] : [];
  await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-i', input, ...maps, ...video, ...BARE, ...faststart, out], 'cannot rewrite the clip');
  return { path: out, container };
}

async function finish(e: Encoded, tools: MediaTools, how: 'bitstream' | 'lossless'): Promise<BlindedBytes> {
  try {
    const bytes = new Uint8Array(await readFile(e.path));
    const probed = await runTool(
      tools.ffprobe,
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', e.path],
      'cannot read the rewritten clip',
    );
    const seconds = Number(probed.trim());
    return { bytes, mime: MIME[e.container], durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null, how };
  } finally {
    await rm(e.path, { force: true });
  }
}

async function probeStreams(path: string, tools: MediaTools): Promise<{ codec_type?: string; codec_name?: string }[]> {
  const out = await runTool(
    tools.ffprobe,
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', path],
    'cannot read the clip',
  );
  return (JSON.parse(out) as { streams?: { codec_type?: string; codec_name?: string }[] }).streams ?? [];
}

/** The MD5 of every decoded frame of the first video stream, in order (timestamps left out: a remux may shift them). */
async function frameHashes(path: string, tools: MediaTools): Promise<string> {
  const out = await runTool(tools.ffmpeg, ['-v', 'error', '-i', path, '-map', '0:v:0', '-f', 'framemd5', '-'], 'cannot decode the clip');
  return out
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim())
    .join('\n');
}
