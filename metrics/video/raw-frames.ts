import { decodeReason } from './ffmpeg-reasons.js';
import { startTool, type ToolOptions, type ToolProcess } from './ffmpeg-process.js';
import { openFrameSocket, type FrameSocket } from './frame-socket.js';
import { VideoDecodeError } from './video-error.js';

/** ffmpeg writing raw frames (`-f rawvideo pipe:1`) into a frame socket that rawFrames reads. */
export interface FrameTool extends ToolProcess {
  readonly frames: FrameSocket;
}

/** Starts ffmpeg with its stdout on a fresh frame socket (frame-socket.ts); kill also closes the socket. */
export async function startFrameTool(bin: string, args: readonly string[], opts: Omit<ToolOptions, 'stdout'>): Promise<FrameTool> {
  const frames = await openFrameSocket();
  let proc: ToolProcess;
  try {
    proc = startTool(bin, args, { ...opts, stdout: frames.writer });
  } catch (err) {
    frames.reader.destroy();
    throw err;
  } finally {
    frames.writer.destroy();
  }
  return {
    ...proc,
    frames,
    async kill() {
      await proc.kill();
      frames.reader.destroy();
    },
  };
}

/**
 * Raw frames of `frameBytes` from ffmpeg's frame socket, each read straight into a buffer from
 * `buffer` (a fresh one unless the caller hands out buffers of its own, such as slots of the frame
 * memory, which it may wait for; the caller owns each frame handed out): no chunk is allocated or
 * copied on the way. Reading pauses from the end of a frame until the caller asks for the next and
 * its buffer is there, so ffmpeg stays at most the socket's buffers ahead. The time limit is paused
 * meanwhile; frames still unread when ffmpeg was killed are not handed out.
 */
export async function* rawFrames(
  proc: FrameTool,
  frameBytes: number,
  buffer: (bytes: number) => Uint8Array | Promise<Uint8Array> = freshBuffer,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let frame: Uint8Array | undefined;
  let filled = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const { reader } = proc.frames;
  proc.frames.setSink({
    target: () => frame?.subarray(filled),
    received(n, into) {
      // A read that landed in the socket's spare byte (frame-socket.ts) is copied into the frame.
      if (into.buffer !== frame!.buffer || into.byteOffset !== frame!.byteOffset + filled) frame!.set(into.subarray(0, n), filled);
      filled += n;
      if (filled < frameBytes) return true;
      ready.push(frame!);
      frame = undefined;
      filled = 0;
      notify();
      return false;
    },
  });
  reader.once('end', () => ((ended = true), notify()));
  reader.once('error', (err) => ((failure = err), notify()));
  try {
    frame = await buffer(frameBytes);
    reader.resume();
    for (;;) {
      while (ready.length === 0 && !ended && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      const next = ready.shift();
      if (!next || proc.stopped() !== undefined) return;
      proc.pauseClock(true);
      yield next;
      if (!ended) frame = await buffer(frameBytes);
      proc.pauseClock(false);
      if (!ended) reader.resume();
    }
  } finally {
    reader.destroy();
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
