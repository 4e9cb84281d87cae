import { ffprobePath } from './ffmpeg-binaries.js';
import { runTool } from './ffmpeg-process.js';
import { decodeReason } from './ffmpeg-reasons.js';
import type { VideoProbe } from './probe.js';
import { VideoDecodeError } from './video-error.js';

const LIST_TIMEOUT_MS = 60_000;
const MAX_LIST_OUTPUT = 64 << 20;

/**
 * Presentation times (seconds, ascending: display order) of the frames a decoder will output,
 * from the packets alone (demuxing, no decoding). Packets the container marks as discarded (an
 * MP4 edit list cutting the encoder's lead-in) are left out, as the decoder leaves them out. A
 * stream without timestamps (a raw elementary stream) gets evenly spaced times at its rate.
 */
export async function listFramePts(path: string, probe: VideoProbe, signal?: AbortSignal): Promise<number[]> {
  const args = [
    '-hide_banner',
    '-loglevel',
    'level+error',
    '-select_streams',
    'V:0',
    '-show_entries',
    'packet=pts_time,flags',
    '-of',
    'csv=p=0',
    path,
  ];
  const run = await runTool(ffprobePath(), args, { signal, timeoutMs: LIST_TIMEOUT_MS, maxBytes: MAX_LIST_OUTPUT });
  if (run.stopped === 'aborted') throw signal?.reason ?? new Error('aborted');
  if (run.stopped === 'timeout') throw new VideoDecodeError(path, `listing frame times took longer than ${LIST_TIMEOUT_MS / 1000} s`);
  if (run.code !== 0) throw new VideoDecodeError(path, decodeReason(run.errors, path) ?? `ffprobe exited with code ${run.code}`);
  const pts: number[] = [];
  for (const line of run.stdout.split('\n')) {
    const [time, flags = ''] = line.split(',');
    const t = Number(time);
    if (time !== undefined && time !== '' && Number.isFinite(t) && !flags.includes('D')) pts.push(t);
  }
  if (pts.length === 0) return Array.from({ length: probe.frameCount }, (_, i) => probe.startSec + i / probe.fps);
  return pts.sort((a, b) => a - b);
}
