import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { SyntheticPlan } from './plan.js';
import { renderRgb, type Degradations } from './render.js';
import { framePlans } from './video-motion.js';

const rate = z.number().min(0).max(1).default(0);

/** How a synthetic generator answers requests for video: the image's plan, moving, as an H.264 MP4. */
export const SyntheticVideoSchema = z.strictObject({
  /** Frame size in pixels; even, as H.264 with 4:2:0 chroma needs. Small by default to keep the quickstart quick. */
  width: z.int().min(16).max(3840).multipleOf(2).default(256),
  height: z.int().min(16).max(3840).multipleOf(2).default(256),
  /** Length in seconds; the clip has round(durationSec * fps) frames. */
  durationSec: z.number().gt(0).max(60).default(2),
  /** Frames per second. */
  fps: z.int().min(1).max(60).default(8),
  /** Amount of motion: 0 gives a still clip, 1 sweeps scene objects by a tenth of the frame (counted objects less, to stay countable). */
  motion: z.number().min(0).max(1).default(0.5),
  /** Frame brightness jitter: each frame's brightness is scaled by a random factor within 1 ± 0.3 x flicker. */
  flicker: rate,
  /** Fraction of frames that repeat the previous frame exactly (a stalled clip). */
  frozenRate: rate,
  /** Probability that an object vanishes for about a fifth of the clip and comes back elsewhere. */
  jumpRate: rate,
});
export type SyntheticVideo = z.infer<typeof SyntheticVideoSchema>;

const ENCODE_TIMEOUT_MS = 120_000;

export const videoFrameCount = (video: SyntheticVideo): number => Math.max(1, Math.round(video.durationSec * video.fps));

/**
 * The clip as MP4 bytes, or null when `signal` aborted it. ffmpeg reads raw RGB frames on stdin and
 * encodes with x264 on one thread with bit-exact flags, so the same request gives the same bytes.
 */
export async function renderVideo(
  plan: SyntheticPlan,
  video: SyntheticVideo,
  degrade: Degradations,
  random: (stream: string) => () => number,
  signal: AbortSignal,
  ffmpeg: string,
): Promise<Uint8Array | null> {
  if (signal.aborted) return null;
  const { width, height, fps } = video;
  const frames = videoFrameCount(video);
  const plans = framePlans(plan, { frames, width, height, motion: video.motion, jumpRate: video.jumpRate }, random);
  const flicker = random('flicker');
  const frozen = random('frozen');
  const dir = await mkdtemp(join(tmpdir(), 'loupe-synthetic-video-'));
  const out = join(dir, 'clip.mp4');
  const encoder = startEncoder(ffmpeg, out, width, height, fps, signal);
  try {
    let previous: Buffer | undefined;
    for (let f = 0; f < frames; f++) {
      // Both streams advance every frame, so changing one knob leaves the other's frames alone.
      const gain = 1 + 0.3 * video.flicker * (2 * flicker() - 1);
      const repeat = frozen() < video.frozenRate;
      let rgb = previous;
      if (!(repeat && rgb)) {
        rgb = await renderRgb(plans[f]!, width, height, degrade, (s) => random(s === 'noise' ? `noise:${f}` : s));
        if (gain !== 1) scaleBrightness(rgb, gain);
      }
      previous = rgb;
      if (!(await encoder.write(rgb))) break;
    }
    return (await encoder.finish()) ? new Uint8Array(await readFile(out)) : null;
  } finally {
    await encoder.stop(); // a drawing error must not leave ffmpeg waiting on its stdin
    await rm(dir, { recursive: true, force: true });
  }
}

function scaleBrightness(rgb: Buffer, gain: number): void {
  for (let i = 0; i < rgb.length; i++) rgb[i] = Math.min(255, Math.round(rgb[i]! * gain));
}

interface Encoder {
  /** False once the encoder is gone (aborted): stop sending frames. */
  write(frame: Buffer): Promise<boolean>;
  /** True when the clip was written; false when aborted. Throws when ffmpeg failed. */
  finish(): Promise<boolean>;
  /** Kills ffmpeg if it is still running and waits until it is gone. */
  stop(): Promise<void>;
}

function startEncoder(ffmpeg: string, out: string, width: number, height: number, fps: number, signal: AbortSignal): Encoder {
  const args = [
    '-nostdin',
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-s',
    `${width}x${height}`,
    '-r',
    String(fps),
    '-i',
    'pipe:0',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-pix_fmt',
    'yuv420p',
    '-threads',
    '1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    out,
  ];
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => (stderr = (stderr + text).slice(-2000)));
  let timedOut = false;
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  signal.addEventListener('abort', kill, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, ENCODE_TIMEOUT_MS);
  const exit = new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  }).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', kill);
  });
  // A write to a killed ffmpeg fails with EPIPE; the exit status says what happened.
  child.stdin.on('error', () => undefined);
  let alive = true;
  void exit.then(() => (alive = false));

  return {
    async write(frame) {
      if (!alive || signal.aborted) return false;
      if (!child.stdin.write(frame)) await Promise.race([new Promise((r) => child.stdin.once('drain', r)), exit]);
      return alive && !signal.aborted;
    },
    async finish() {
      child.stdin.end();
      const { code, error } = await exit;
      if (signal.aborted) return false;
      if (timedOut) throw new Error(`synthetic video: ffmpeg took longer than ${ENCODE_TIMEOUT_MS / 1000} s to encode`);
      if (error) throw new Error(`synthetic video: cannot run ffmpeg (${ffmpeg}): ${error.message}`);
      if (code !== 0) throw new Error(`synthetic video: ffmpeg failed (exit ${code}): ${stderr.trim()}`);
      return true;
    },
    async stop() {
      if (alive) kill();
      await exit;
    },
  };
}
