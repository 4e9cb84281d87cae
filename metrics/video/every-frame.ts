import { ffmpegPath } from './ffmpeg-binaries.js';
import { HeaderReader, outputSize, type InputHeader } from './ffmpeg-header.js';
import { FrameTimes, SHOWINFO } from './frame-times.js';
import { checkFile, IMAGE_FORMAT } from './probe.js';
import { checkEnd, rawFrames, startFrameTool, type FrameTool } from './raw-frames.js';
import { DEFAULT_MAX_DECODE_SECONDS, type VideoFrame } from './sample-frames.js';
import { toneMapFor, type ToneMap } from './tone-map.js';
import { VideoDecodeError } from './video-error.js';

export interface ClipHeader extends InputHeader {
  /** Display size (rotation applied) of the decoded frames, and the size handed out. */
  width: number;
  height: number;
  frameWidth: number;
  frameHeight: number;
  /** What tone mapping did to an HDR clip; null for SDR. */
  toneMapped: string | null;
}

export interface EveryFrameOptions {
  /** Frames are shrunk (never enlarged, even sides) so that the longest side is at most this. */
  maxSide: number;
  signal?: AbortSignal;
  maxSeconds?: number;
  /** Called once, before the first frame, with what ffmpeg said about the clip. */
  onHeader(header: ClipHeader): void;
  /** Where each frame is read into (a buffer of `bytes`, which may be waited for); a fresh buffer by default. */
  frameBuffer?: (bytes: number) => Uint8Array | Promise<Uint8Array>;
}

/**
 * Every decoded frame of a clip as it is in the file (no frame-rate conversion: ffmpeg passes the
 * frames through with their own timestamps, so a variable-rate or millisecond-stamped clip is
 * neither duplicated nor thinned), as RGB24, from one ffmpeg process that also describes the clip.
 * An HDR clip (PQ or HLG, seen in ffmpeg's stream line before any frame) is started again with
 * tone mapping. Bad files throw VideoDecodeError, as sampleFrames does.
 */
export async function* everyFrame(path: string, opts: EveryFrameOptions): AsyncGenerator<VideoFrame> {
  opts.signal?.throwIfAborted();
  await checkFile(path);
  const maxSeconds = opts.maxSeconds ?? DEFAULT_MAX_DECODE_SECONDS;
  let run = await start(path, null, opts, maxSeconds);
  try {
    let input = await run.input;
    const toneMap = input && toneMapFor(input.transfer, input.primaries);
    if (toneMap) {
      await run.proc.kill();
      run = await start(path, toneMap, opts, maxSeconds);
      input = await run.input;
    }
    const size = await run.size;
    if (input && IMAGE_FORMAT.test(input.format)) throw new VideoDecodeError(path, `a still image (${input.codec}), not a video`);
    if (!input || !size) {
      checkEnd(path, run.proc, (await run.proc.exit).code, 1, 0, maxSeconds, opts.signal);
      throw new VideoDecodeError(path, 'ffmpeg printed no description of the video');
    }
    let index = 0;
    for await (const rgb of rawFrames(run.proc, size.width * size.height * 3, opts.frameBuffer)) {
      const timeSec = (await run.times.get(index)) ?? index / (input.fps ?? 1);
      if (index === 0) {
        const shown = run.sourceSize ?? size;
        opts.onHeader({ ...input, ...shown, frameWidth: size.width, frameHeight: size.height, toneMapped: toneMap?.note ?? null });
      }
      yield { index, timeSec, width: size.width, height: size.height, rgb };
      index++;
    }
    const expected = Math.floor((input.durationSec ?? 0) * (input.fps ?? 0));
    checkEnd(path, run.proc, (await run.proc.exit).code, expected, index, maxSeconds, opts.signal);
  } finally {
    await run.proc.kill();
  }
}

interface Run {
  proc: FrameTool;
  times: FrameTimes;
  /** Settles once the input is described (undefined if ffmpeg stopped first). */
  input: Promise<InputHeader | undefined>;
  size: Promise<{ width: number; height: number } | undefined>;
  sourceSize?: { width: number; height: number };
}

async function start(path: string, toneMap: ToneMap | null, opts: EveryFrameOptions, maxSeconds: number): Promise<Run> {
  const header = new HeaderReader();
  const times = new FrameTimes();
  let inputDone!: (h: InputHeader | undefined) => void;
  let sizeDone!: (s: { width: number; height: number } | undefined) => void;
  const run: Run = {
    proc: undefined as unknown as FrameTool,
    times,
    input: new Promise((resolve) => (inputDone = resolve)),
    size: new Promise((resolve) => (sizeDone = resolve)),
  };
  run.proc = await startFrameTool(ffmpegPath(), decodeArgs(path, toneMap, opts.maxSide), {
    signal: opts.signal,
    timeoutMs: maxSeconds * 1000,
    onLine(line) {
      const m = SHOWINFO.exec(line);
      if (m) {
        times.set(Number(m[1]), Number(m[2]) - (header.header()?.startSec ?? 0));
        if (m[1] === '0' && m[3] !== undefined) run.sourceSize = { width: Number(m[3]), height: Number(m[4]) };
        return;
      }
      if (!header.done) {
        header.read(line);
        if (header.done) inputDone(header.header());
      }
      const out = outputSize(line);
      if (out) sizeDone(out);
    },
  });
  void run.proc.exit.then(() => {
    times.close();
    inputDone(header.header());
    sizeDone(undefined);
  });
  return run;
}

/** The cap on the longest side as a scale expression: ffmpeg sizes the frames, JS reads the size from its log. */
function capped(maxSide: number): string {
  const side = (own: string) => `if(gt(max(iw,ih),${maxSide}),max(2,2*round(${own}*${maxSide}/max(iw,ih)/2)),${own})`;
  return `scale=w='${side('iw')}':h='${side('ih')}':flags=bicubic`;
}

function decodeArgs(path: string, toneMap: ToneMap | null, maxSide: number): string[] {
  // showinfo first: the source size and timestamps of every decoded (auto-rotated) frame, its
  // checksums off (they would read every pixel).
  const filter = ['showinfo=checksum=0', ...(toneMap ? [toneMap.filter] : []), capped(maxSide), 'format=rgb24'].join(',');
  const quiet = ['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'level+info'];
  return [
    ...quiet,
    '-i',
    path,
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filter,
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
}
