import { decodeReason } from './ffmpeg-reasons.js';
import type { ToolProcess } from './ffmpeg-process.js';
import { VideoDecodeError } from './video-error.js';

/**
 * Raw frames of `frameBytes` from ffmpeg's stdout, each in a buffer from `buffer` (a fresh one
 * unless the caller hands back buffers it is done with; the caller owns each frame handed out). A
 * frame that fills a whole chunk on its own would still be copied: Node reuses no chunk, but
 * frames rarely align with the 64 KiB pipe reads. The time limit is paused while the caller holds
 * a frame; frames already in the pipe when ffmpeg was killed are not handed out.
 */
export async function* rawFrames(proc: ToolProcess, frameBytes: number, buffer = freshBuffer): AsyncGenerator<Uint8Array> {
  let frame = buffer(frameBytes);
  let filled = 0;
  for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
    for (let at = 0; at < chunk.length;) {
      const n = Math.min(frameBytes - filled, chunk.length - at);
      frame.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled < frameBytes) continue;
      proc.pauseClock(true);
      yield frame;
      proc.pauseClock(false);
      if (proc.stopped() !== undefined) return;
      frame = buffer(frameBytes);
      filled = 0;
    }
    if (proc.stopped() !== undefined) return;
  }
}

const freshBuffer = (bytes: number): Uint8Array => new Uint8Array(bytes);

/** After the last frame: was the decode complete, or did ffmpeg stop on an error, a limit or an abort? */
export function checkEnd(
  path: string,
  proc: ToolProcess,
  code: number | null,
  expected: number,
  got: number,
  maxSeconds: number,
  signal?: AbortSignal,
): void {
  const stopped = proc.stopped();
  if (stopped === 'aborted') throw signal?.reason ?? new Error('aborted');
  if (stopped === 'timeout')
    throw new VideoDecodeError(path, `decoding took longer than the limit of ${maxSeconds} s (maxSeconds); ffmpeg was stopped`);
  const reason = decodeReason(proc.errors, path) ?? (code === 0 ? undefined : `ffmpeg exited with code ${code}`);
  if (got === 0) throw new VideoDecodeError(path, `no frame could be decoded${reason === undefined ? '' : `: ${reason}`}`);
  // Exit code 0 with errors is ffmpeg's way of saying it skipped damaged data.
  if (reason !== undefined && got < expected) throw new VideoDecodeError(path, `decoded ${got} of ${expected} frames: ${reason}`);
}
