import { appendFile } from 'node:fs/promises';
import { z } from 'zod';
import type { GenerationRequest, GenerationResult, Generator, GeneratorContext } from '../../core/types/index.js';
import type { AdapterEnv } from '../adapter-common.js';
import { planSynthetic, requestRandom, type SyntheticRequest } from './plan.js';
import { renderPlan } from './render.js';
import { renderVideo, SyntheticVideoSchema, videoFrameCount } from './video.js';

const rate = z.number().min(0).max(1).default(0);

export const SyntheticConfigSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('synthetic'),
  width: z.int().min(1).max(8192).default(512),
  height: z.int().min(1).max(8192).default(512),
  /** Probability that the number of drawn objects is off by 1 to 3. */
  miscountRate: rate,
  /** Probability that the drawn text has some or all of its characters replaced. */
  wrongTextRate: rate,
  /** Gaussian blur sigma in pixels. */
  blur: z.number().min(0).max(20).default(0),
  /** Standard deviation of added Gaussian noise, as a fraction of 255. */
  noise: rate,
  /** Strength of a colour tint. */
  colorCast: rate,
  /** Probability that a call returns a retryable `server` error instead of an image (to exercise retries). */
  failureRate: rate,
  /** For requests with modality `video`: frame size, length, rate, motion and temporal faults (see synthetic-video.ts). */
  video: SyntheticVideoSchema.prefault({}),
  /** Simulated latency in milliseconds; the abort signal cuts it short. */
  delayMs: z.int().min(0).default(0),
  /** A file that gets one JSON line per generate() call: an audit trail of every request sent. */
  callLog: z.string().min(1).optional(),
});
export type SyntheticConfig = z.infer<typeof SyntheticConfigSchema>;
export type SyntheticConfigInput = z.input<typeof SyntheticConfigSchema>;

/** What a synthetic image actually shows: the truth a counting or OCR metric should recover. */
export interface SyntheticTruth {
  /** Objects drawn, or null when the prompt has no `expect.count`. */
  count: number | null;
  /** Text drawn, or null when the prompt has no `expect.text`. */
  text: string | null;
}

export function syntheticTruth(request: SyntheticRequest, config: SyntheticConfigInput): SyntheticTruth {
  const { count, text } = planSynthetic(request, SyntheticConfigSchema.parse(config));
  return { count, text };
}

export function createSyntheticGenerator(input: SyntheticConfigInput, env: AdapterEnv = {}): Generator {
  const config = SyntheticConfigSchema.parse(input);
  // Failures are drawn per attempt, so that a retried request can succeed.
  const attempts = new Map<string, number>();

  return {
    id: config.id,
    type: 'synthetic',
    modalities: ['image', 'video'],
    synthetic: true,
    identity() {
      const { id: _id, callLog: _callLog, delayMs: _delayMs, ...output } = config;
      return output;
    },
    estimateCostUsd: () => 0,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (config.callLog !== undefined) await logCall(config.callLog, request);
      if (!(await wait(config.delayMs, ctx.signal))) return cancelled(config.id);

      if (config.failureRate > 0) {
        const key = JSON.stringify([request.prompt.id, request.language, request.seed, request.sample]);
        const attempt = attempts.get(key) ?? 0;
        attempts.set(key, attempt + 1);
        if (requestRandom(request, `failure:${attempt}`)() < config.failureRate) {
          return failure('server', `synthetic generator ${config.id}: simulated server error (failureRate ${config.failureRate})`, true);
        }
      }

      const random = (stream: string): (() => number) => requestRandom(request, stream);
      if (request.modality === 'video') {
        const { video } = config;
        const plan = planSynthetic(request, { ...config, width: video.width, height: video.height });
        const bytes = await renderVideo(plan, video, config, random, ctx.signal, env.ffmpegPath?.() ?? 'ffmpeg');
        if (bytes === null || ctx.signal.aborted) return cancelled(config.id);
        return {
          ok: true,
          media: {
            bytes,
            mime: 'video/mp4',
            width: video.width,
            height: video.height,
            durationSec: videoFrameCount(video) / video.fps,
            fps: video.fps,
          },
          costUsd: 0,
          providerIds: { synthetic: 'true' },
        };
      }
      const plan = planSynthetic(request, config);
      const bytes = await renderPlan(plan, config.width, config.height, config, random);
      if (ctx.signal.aborted) return cancelled(config.id);
      return {
        ok: true,
        media: { bytes, mime: 'image/png', width: config.width, height: config.height },
        costUsd: 0,
        providerIds: { synthetic: 'true' },
      };
    },
  };
}

async function logCall(file: string, request: GenerationRequest): Promise<void> {
  const line = JSON.stringify({ promptId: request.prompt.id, language: request.language, seed: request.seed, sample: request.sample });
  try {
    await appendFile(file, line + '\n', 'utf8');
  } catch (err) {
    throw new Error(`synthetic generator: cannot append to callLog ${file}: ${(err as Error).message}`);
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. Uses the global timer so fake timers control it. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function failure(category: 'server' | 'cancelled', message: string, retryable: boolean): GenerationResult {
  return { ok: false, error: { category, message, retryable } };
}

const cancelled = (id: string): GenerationResult => failure('cancelled', `synthetic generator ${id}: request aborted`, false);
