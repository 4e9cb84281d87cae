import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ffmpegPath } from '../../../metrics/video/ffmpeg-binaries.js';

const run = promisify(execFile);

/** Runs ffmpeg quietly with the given arguments (lavfi sources, encoder settings, output path). */
export async function ffmpeg(...args: string[]): Promise<void> {
  await run(ffmpegPath(), ['-nostdin', '-v', 'error', '-y', ...args]);
}

const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/** An H.264 MP4 of a lavfi source: `testsrc2=size=320x240:rate=10`, `color=red:size=64x64:rate=5`, ... */
export async function lavfiClip(out: string, source: string, seconds: number, ...extra: string[]): Promise<string> {
  await ffmpeg('-f', 'lavfi', '-i', source, '-t', String(seconds), ...X264, ...extra, out);
  return out;
}

/**
 * A 4K clip of `seconds` at 1 fps, made cheaply: one frame is encoded, then its packet is copied
 * `seconds` times (every frame a keyframe, so decoding still costs a full 4K decode per frame).
 */
export async function big4kClip(dir: string, seconds: number): Promise<string> {
  const one = `${dir}/one-4k.mp4`;
  await ffmpeg('-f', 'lavfi', '-i', 'color=gray:size=3840x2160:rate=1', '-frames:v', '1', ...X264, one);
  const out = `${dir}/big-4k.mp4`;
  await ffmpeg('-stream_loop', String(seconds - 1), '-i', one, '-c', 'copy', out);
  return out;
}

/** ffmpeg and ffprobe processes started by this process that are still running. */
export function childFfmpegs(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out.split('\n').filter((line) => /ff(mpeg|probe)/.test(line));
}
