import { z } from 'zod';
import {
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  httpBytes,
  httpJson,
  failure,
} from '../core/types/index.js';
import { httpSettings, readApiKey, joinUrl, systemPollClock, type AdapterEnv } from './adapter-common.js';
import { askAgain } from './http/ask-again.js';
import { finalFailure } from './http/errors.js';
import { checkMedia } from './http/media-check.js';
import { expiryAfter, validResultUrl } from './http/left-result.js';

export const OpenAIImagesConfigSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('openai-images'),
  /** e.g. gpt-image-1, dall-e-3, or the model name of an OpenAI-compatible provider. */
  model: z.string().min(1),
  /** The API root; change it for an OpenAI-compatible provider. */
  baseUrl: z.url().default('https://api.openai.com/v1'),
  apiKeyEnv: httpSettings.apiKeyEnv.default('OPENAI_API_KEY'),
  /** e.g. 1024x1024. */
  size: z.string().optional(),
  /** e.g. standard, hd, low, medium, high. */
  quality: z.string().optional(),
  /** `b64_json` or `url`; left out, the service's default (gpt-image-1 always answers b64_json). */
  responseFormat: z.enum(['b64_json', 'url']).optional(),
  /** Send the seed as `seed` (OpenAI ignores it; some compatible providers honour it). */
  sendSeed: z.boolean().default(false),
  /** More body fields, sent as they are (e.g. style, background). */
  extra: z.record(z.string(), z.unknown()).default({}),
  requestTimeoutMs: httpSettings.requestTimeoutMs,
  maxBytes: httpSettings.maxBytes,
  pricePerRequestUsd: httpSettings.pricePerRequestUsd,
  /** A result URL that fails to download is asked again this many times (1, 2, 4 s ...) before the image is given up: asking the API again would pay for a new one. */
  maxDownloadErrors: z.int().min(0).max(10).default(3),
});
export type OpenAIImagesConfig = z.infer<typeof OpenAIImagesConfigSchema>;

const DataSchema = z.object({
  data: z.array(z.object({ b64_json: z.string().optional(), url: z.string().optional(), revised_prompt: z.string().optional() })).min(1),
});

export function createOpenAIImagesGenerator(input: z.input<typeof OpenAIImagesConfigSchema>, env: AdapterEnv = {}): Generator {
  const config = OpenAIImagesConfigSchema.parse(input);
  const clock = env.clock ?? systemPollClock;
  const who = `openai-images "${config.id}"`;
  return {
    id: config.id,
    type: 'openai-images',
    modalities: ['image'],
    synthetic: false,
    identity() {
      const { model, baseUrl, size, quality, sendSeed, extra } = config;
      return { model, baseUrl, size, quality, sendSeed, extra };
    },
    estimateCostUsd: () => config.pricePerRequestUsd,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== 'image') return failure('bad-request', `${who} makes images, not ${request.modality}`, false);
      const key = readApiKey(config.apiKeyEnv, who, true);
      if (!key.ok) return key;
      const secrets = [key.key!];
      const body = {
        model: config.model,
        prompt: request.text,
        n: 1,
        ...(config.size ? { size: config.size } : {}),
        ...(config.quality ? { quality: config.quality } : {}),
        ...(config.responseFormat ? { response_format: config.responseFormat } : {}),
        ...(config.sendSeed ? { seed: request.seed } : {}),
        ...config.extra,
      };
      const common = { signal: ctx.signal, timeoutMs: config.requestTimeoutMs, secrets };
      const ledger = ctx.ledger;
      // An image an earlier attempt was given as a URL, and did not store, is downloaded again while the URL works.
      let url = validResultUrl(ledger?.left);
      let requestId: string | null = null;
      let bytes: Uint8Array | undefined;
      if (url !== undefined) {
        ledger!.resume();
      } else {
        await ledger?.record('sending');
        const answer = await httpJson(joinUrl(config.baseUrl, 'images/generations'), {
          ...common,
          json: body,
          headers: { authorization: `Bearer ${key.key}` },
          what: `${who}: create`,
        });
        if (!answer.ok) return answer;
        requestId = answer.headers.get('x-request-id');
        const parsed = DataSchema.safeParse(answer.value);
        if (!parsed.success) return failure('invalid-output', `${who}: the answer has no data[0] image`, false);
        const item = parsed.data.data[0]!;
        if (item.b64_json !== undefined) bytes = Buffer.from(item.b64_json, 'base64');
        else if (item.url !== undefined) url = item.url;
        else return failure('invalid-output', `${who}: data[0] has neither b64_json nor url`, false);
        // "URLs are only valid for 60 minutes after the image has been generated" (Images API reference).
        if (url !== undefined) await ledger?.record('result-ready', { resultUrls: [url], resultExpiresAt: expiryAfter(60 * 60_000) });
      }
      if (bytes === undefined) {
        // Result URLs are pre-signed on another host: the API key is not sent there.
        const from = url!;
        const got = await askAgain(() => httpBytes(from, { ...common, maxBytes: config.maxBytes, what: `${who}: download` }), {
          maxErrors: config.maxDownloadErrors,
          baseMs: 500,
          clock,
          signal: ctx.signal,
        });
        // The image exists and is billed: a new request would pay again, so the failure is final.
        if (!got.ok) return finalFailure(got.error, 'the image was made; not requested again');
        bytes = got.value;
      }
      const checked = await checkMedia(bytes, 'image', who);
      if (!checked.ok) return checked;
      return {
        ...checked,
        costUsd: config.pricePerRequestUsd,
        providerIds: { ...(requestId ? { requestId } : {}) },
      };
    },
  };
}
