import { open, stat } from 'node:fs/promises';
import { ffprobePath } from './ffmpeg-binaries.js';
import { runTool } from './ffmpeg-process.js';
import { decodeReason } from './ffmpeg-reasons.js';
import { VideoDecodeError } from './video-error.js';

export interface VideoProbe {
  durationSec: number;
  /** Average frame rate (frames / duration); for a constant-rate video its nominal rate. */
  fps: number;
  /** True when the stream's timestamps need a finer rate than its average one (r_frame_rate != avg_frame_rate). */
  variableFrameRate: boolean;
  /** Display size after rotation: what a player shows and what decoded frames have. */
  width: number;
  height: number;
  /** Clockwise degrees a player turns the coded picture: 0, 90, 180 or 270. */
  rotation: number;
  /** ffmpeg's codec name, e.g. `h264`, `vp9`. */
  codec: string;
  frameCount: number;
  /**
   * True when `frameCount` is the container's own count (MP4/MOV sample tables: exact and free);
   * false when it is estimated as duration x fps (Matroska, WebM and others carry no count, and
   * counting packets would read the whole file).
   */
  frameCountExact: boolean;
  /** Timestamp of the first frame; decoded frame times are given relative to it. */
  startSec: number;
  /** ffmpeg's names of the transfer function and primaries (`smpte2084`, `bt2020`), `unknown` when untagged: HDR is tone-mapped. */
  transfer: string;
  primaries: string;
}

const PROBE_TIMEOUT_MS = 30_000;
const MAX_PROBE_OUTPUT = 1 << 20;
/** Demuxers of still images: ffprobe reads a PNG or JPEG as a one-frame "video". */
export const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe|gif|webp|apng)(,|$)/;

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  codec_tag_string?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  start_time?: string;
  nb_frames?: string;
  color_transfer?: string;
  color_primaries?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}
interface ProbeJson {
  streams?: ProbeStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

export async function probeVideo(path: string, opts: { signal?: AbortSignal } = {}): Promise<VideoProbe> {
  await checkFile(path);
  const args = ['-hide_banner', '-loglevel', 'level+error', '-print_format', 'json', '-show_format', '-show_streams', path];
  const run = await runTool(ffprobePath(), args, { signal: opts.signal, timeoutMs: PROBE_TIMEOUT_MS, maxBytes: MAX_PROBE_OUTPUT });
  if (run.stopped === 'aborted') throw opts.signal?.reason ?? new Error('aborted');
  if (run.stopped === 'timeout') throw new VideoDecodeError(path, `probing took longer than ${PROBE_TIMEOUT_MS / 1000} s`);
  if (run.code !== 0) throw new VideoDecodeError(path, await failureReason(path, run.errors, run.code));
  return describe(path, JSON.parse(run.stdout) as ProbeJson);
}

/** A missing, empty or odd file is told apart before ffmpeg says something vaguer. */
export async function checkFile(path: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new VideoDecodeError(path, 'not a regular file');
    size = info.size;
  } catch (err) {
    if (err instanceof VideoDecodeError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new VideoDecodeError(path, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`);
  }
  if (size === 0) throw new VideoDecodeError(path, 'empty file (0 bytes)');
}

/**
 * ffprobe picks the MP4 demuxer by the file name, so any file called `.mp4` that is not one fails
 * with "moov atom not found", as a truncated MP4 does. The first bytes tell them apart.
 */
async function failureReason(path: string, errors: readonly string[], code: number | null): Promise<string> {
  const reason = decodeReason(errors, path) ?? `ffprobe exited with code ${code}`;
  if (!/moov atom not found/.test(reason)) return reason;
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    const box = buffer.toString('latin1', 4, 8);
    if (bytesRead === 12 && MP4_BOXES.has(box)) return reason;
    const start = buffer.toString('latin1', 0, bytesRead).replace(/[^\x20-\x7e]/g, '.');
    return `not a video file ffmpeg can read (it starts "${start.trimEnd()}")`;
  } finally {
    await handle.close();
  }
}

/** Top-level ISO BMFF boxes an MP4 or MOV file starts with. */
const MP4_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

function describe(path: string, json: ProbeJson): VideoProbe {
  const streams = json.streams ?? [];
  const formatName = json.format?.format_name ?? '';
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video) {
    const kinds = [...new Set(streams.map((s) => s.codec_type ?? 'unknown'))];
    throw new VideoDecodeError(path, kinds.length === 0 ? 'no streams found' : `no video stream (only ${kinds.join(', ')})`);
  }
  if (IMAGE_FORMAT.test(formatName)) {
    throw new VideoDecodeError(path, `a still image (${video.codec_name ?? formatName}), not a video`);
  }
  if (!video.codec_name || video.codec_name === 'none') {
    throw new VideoDecodeError(path, `unsupported video codec (fourcc ${video.codec_tag_string ?? 'unknown'})`);
  }
  const avg = rate(video.avg_frame_rate);
  const real = rate(video.r_frame_rate);
  const fps = avg ?? real;
  if (fps === undefined) throw new VideoDecodeError(path, 'no frame rate in the stream');
  const nbFrames = Number(video.nb_frames);
  const exact = Number.isInteger(nbFrames) && nbFrames > 0;
  const duration = positive(video.duration) ?? positive(json.format?.duration) ?? (exact ? nbFrames / fps : undefined);
  if (duration === undefined) throw new VideoDecodeError(path, 'unknown duration');
  const width = video.width ?? 0;
  const height = video.height ?? 0;
  if (width <= 0 || height <= 0) throw new VideoDecodeError(path, 'no frame size in the stream');

  const rotation = rotationOf(video);
  const turned = rotation === 90 || rotation === 270;
  return {
    durationSec: duration,
    fps,
    variableFrameRate: avg !== undefined && real !== undefined && Math.abs(avg - real) > 0.01 * real,
    width: turned ? height : width,
    height: turned ? width : height,
    rotation,
    codec: video.codec_name,
    frameCount: exact ? nbFrames : Math.max(1, Math.round(duration * fps)),
    frameCountExact: exact,
    startSec: Number(video.start_time ?? json.format?.start_time ?? 0) || 0,
    transfer: video.color_transfer ?? 'unknown',
    primaries: video.color_primaries ?? 'unknown',
  };
}

/** `30000/1001` or `25/1`; ffprobe writes `0/0` for unknown. */
function rate(text: string | undefined): number | undefined {
  const [num, den] = (text ?? '').split('/').map(Number);
  const value = num! / (den ?? 1);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function positive(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The legacy `rotate` tag is clockwise; the display matrix's `rotation` (newer ffprobe) is
 * counter-clockwise, hence the minus sign.
 */
function rotationOf(video: ProbeStream): number {
  const matrix = video.side_data_list?.find((d) => d.side_data_type === 'Display Matrix')?.rotation;
  const clockwise = video.tags?.rotate !== undefined ? Number(video.tags.rotate) : -(matrix ?? 0);
  const quarter = Math.round(clockwise / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}
