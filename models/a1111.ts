import { z } from 'zod';
import {
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  httpJson,
  failure,
} from '../core/types/index.js';
import { httpSettings, joinUrl, readApiKey } from './adapter-common.js';
import { checkMedia } from './http/media-check.js';

export const A1111ConfigSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('a1111'),
  /** The AUTOMATIC1111 or Forge web UI started with --api. */
  baseUrl: z.url().default('http://127.0.0.1:7860'),
  /** Names the environment variable holding `user:password` when the UI runs with --api-auth. */
  apiKeyEnv: httpSettings.apiKeyEnv,
  /** The checkpoint, sent as override_settings.sd_model_checkpoint; left out, whatever the UI has loaded (not recorded!). */
  checkpoint: z.string().optional(),
  width: z.int().min(64).max(8192).default(1024),
  height: z.int().min(64).max(8192).default(1024),
  steps: z.int().min(1).max(500).default(30),
  cfgScale: z.number().min(0).max(50).default(7),
  sampler: z.string().default('Euler a'),
  negativePrompt: z.string().default(''),
  /** More txt2img fields, sent as they are. */
  extra: z.record(z.string(), z.unknown()).default({}),
  requestTimeoutMs: httpSettings.requestTimeoutMs,
  maxBytes: httpSettings.maxBytes,
  pricePerRequestUsd: httpSettings.pricePerRequestUsd,
});
export type A1111Config = z.infer<typeof A1111ConfigSchema>;

const AnswerSchema = z.object({ images: z.array(z.string()).min(1), info: z.string().optional() });

export function createA1111Generator(input: z.input<typeof A1111ConfigSchema>): Generator {
  const config = A1111ConfigSchema.parse(input);
  const who = `a1111 "${config.id}"`;
  return {
    id: config.id,
    type: 'a1111',
    modalities: ['image'],
    synthetic: false,
    identity() {
      const { id: _id, type: _type, apiKeyEnv: _key, requestTimeoutMs: _t, maxBytes: _m, pricePerRequestUsd: _p, ...output } = config;
      return output;
    },
    estimateCostUsd: () => config.pricePerRequestUsd,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== 'image') return failure('bad-request', `${who} makes images, not ${request.modality}`, false);
      const key = readApiKey(config.apiKeyEnv, who, false);
      if (!key.ok) return key;
      const headers: Record<string, string> = key.key ? { authorization: `Basic ${Buffer.from(key.key).toString('base64')}` } : {};
      const body = {
        prompt: request.text,
        negative_prompt: config.negativePrompt,
        seed: request.seed,
        width: config.width,
        height: config.height,
        steps: config.steps,
        cfg_scale: config.cfgScale,
        sampler_name: config.sampler,
        batch_size: 1,
        n_iter: 1,
        ...(config.checkpoint ? { override_settings: { sd_model_checkpoint: config.checkpoint } } : {}),
        ...config.extra,
      };
      await ctx.ledger?.record('sending');
      const answer = await httpJson(joinUrl(config.baseUrl, 'sdapi/v1/txt2img'), {
        json: body,
        headers,
        signal: ctx.signal,
        timeoutMs: config.requestTimeoutMs,
        maxBytes: config.maxBytes,
        secrets: key.key ? [key.key] : [],
        what: `${who}: txt2img`,
      });
      if (!answer.ok) return answer;
      const parsed = AnswerSchema.safeParse(answer.value);
      if (!parsed.success) return failure('invalid-output', `${who}: the answer has no images`, false);
      // Some builds prefix a data URL header.
      const b64 = parsed.data.images[0]!.replace(/^data:[^,]*,/, '');
      const checked = await checkMedia(Buffer.from(b64, 'base64'), 'image', who);
      if (!checked.ok) return checked;
      return { ...checked, costUsd: config.pricePerRequestUsd ?? 0, providerIds: seedOf(parsed.data.info) };
    },
  };
}

/** The seed the UI reports having used (it differs from the one sent when that one was -1). */
function seedOf(info: string | undefined): Record<string, string> {
  try {
    const seed = (JSON.parse(info ?? '{}') as { seed?: unknown }).seed;
    return seed === undefined ? {} : { seed: String(seed) };
  } catch {
    return {};
  }
}
