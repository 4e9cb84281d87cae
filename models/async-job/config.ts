import { z } from 'zod';
import { httpSettings } from '../adapter-common.js';
import { checkPricePerSecond, type ParamSource } from '../pricing.js';
import { serviceErrorFields } from '../http/service-errors.js';
import { PRESETS, type PresetName } from './presets.js';

const Step = z.strictObject({
  url: z.string().min(1),
  method: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
});

/** Every protocol field, to write a protocol by hand or to change one field of a preset. */
const ProtocolSchema = z.strictObject({
  modality: z.enum(['image', 'video']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  create: Step.optional(),
  idPath: z.string().optional(),
  poll: Step.optional(),
  /** A string, number or boolean at this path, compared as text with doneValues and failedValues. */
  statusPath: z.string().optional(),
  /** The status when statusPath is absent (a Google operation has no `done` until it is done). */
  defaultStatus: z.string().optional(),
  /** A path whose presence means the job failed whatever its status (a Google operation done with an `error`). */
  failedPath: z.string().optional(),
  doneValues: z.array(z.string()).optional(),
  failedValues: z.array(z.string()).optional(),
  errorPaths: z.array(z.string()).optional(),
  result: Step.optional(),
  resultUrlPath: z.string().optional(),
  /** When the done answer has no media URL, where the service says why its filter withheld it; a value there is a refusal. */
  filteredPath: z.string().optional(),
  /** Header templates for the media download ({{apiKey}} allowed), sent only to the origin of the create request. */
  downloadHeaders: z.record(z.string(), z.string()).optional(),
  /**
   * The service's own error codes and refusal words (models/http/service-errors.ts): `codePath` in any
   * answer, error answers included, `okCode` (default "0"), `codeCategories` (code → rate-limit, auth,
   * refused, bad-request, server), `messagePath` (default errorPaths[0]), `refusedPattern` (a regular
   * expression over failure reasons and error bodies).
   */
  ...serviceErrorFields,
  /**
   * A bearer token the client signs (Kling): {{apiKey}} in headers becomes a fresh HS256 JWT
   * {iss: access key, exp: now + ttlSeconds, nbf: now - 5 s} for each request; apiKeyEnv is not read.
   */
  jwt: z
    .strictObject({
      accessKeyEnv: httpSettings.apiKeyEnv.unwrap(),
      secretKeyEnv: httpSettings.apiKeyEnv.unwrap(),
      ttlSeconds: z.int().min(60).max(86_400).optional(),
    })
    .optional(),
  costPath: z.string().optional(),
  cancel: Step.optional(),
  resultUrlTtlMs: z.int().min(1).optional(),
});

export const AsyncJobConfigSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.literal('async-job'),
    /**
     * A ready protocol: replicate, fal, dashscope-wanx-video, dashscope-wanx-image, minimax-video (presets.ts);
     * kling-image, kling-video, ark-seedance, zhipu-cogvideox, runway-image, runway-video, luma-image,
     * luma-video, gemini-veo (leaderboard-presets.ts).
     */
    preset: z.enum(Object.keys(PRESETS) as [PresetName, ...PresetName[]]).optional(),
    /** The service's model name, as the preset sends it. */
    model: z.string().optional(),
    /** The API root of the preset (another region, a proxy). */
    baseUrl: z.string().optional(),
    /** Model parameters the preset adds to its request body (size, duration, resolution...). */
    params: z.record(z.string(), z.unknown()).default({}),
    negativePrompt: z.string().optional(),
    /** Protocol fields; with a preset, those given here win. */
    protocol: ProtocolSchema.default({}),
    apiKeyEnv: httpSettings.apiKeyEnv,
    /** Time between two status requests. */
    pollIntervalMs: z.int().min(1).default(5_000),
    /** Give up on a job that has not finished after this long (it is not created again: see the README). */
    maxWaitMs: z
      .int()
      .min(1)
      .default(30 * 60_000),
    /** Status requests that may fail in a row (429, 5xx, network) before the job is given up. */
    maxPollErrors: z.int().min(0).default(5),
    requestTimeoutMs: httpSettings.requestTimeoutMs,
    maxBytes: httpSettings.maxBytes,
    pricePerRequestUsd: httpSettings.pricePerRequestUsd,
    /** For video: times the clip length in `params` or `protocol.create.body` (`duration`, `durationSec`, `durationSeconds`, `duration_seconds` or `seconds`). */
    pricePerSecondUsd: httpSettings.pricePerSecondUsd,
  })
  .superRefine((c, ctx) => checkPricePerSecond(ctx, `async-job "${c.id}"`, c, jobModality(c), paramSources(c)));
export type AsyncJobConfig = z.infer<typeof AsyncJobConfigSchema>;

/** Where the clip length of a per-second price is read: the parameters a preset sends, then a hand-written create body. */
export function paramSources(c: Pick<AsyncJobConfig, 'params' | 'protocol'>): ParamSource[] {
  return [
    { path: 'params', value: c.params },
    { path: 'protocol.create.body', value: c.protocol.create?.body },
  ];
}

/** What the job makes: the config's protocol.modality, else its preset's, else images. */
function jobModality(c: Pick<AsyncJobConfig, 'preset' | 'model' | 'baseUrl' | 'params' | 'protocol'>): 'image' | 'video' {
  if (c.protocol.modality) return c.protocol.modality;
  if (c.preset === undefined) return 'image';
  return PRESETS[c.preset].build({ model: c.model ?? '', baseUrl: c.baseUrl, params: c.params }).modality;
}
