import { z } from 'zod';
import { httpSettings } from '../adapter-common.js';
import { checkPricePerSecond, type ParamSource } from '../pricing.js';
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
  statusPath: z.string().optional(),
  doneValues: z.array(z.string()).optional(),
  failedValues: z.array(z.string()).optional(),
  errorPaths: z.array(z.string()).optional(),
  result: Step.optional(),
  resultUrlPath: z.string().optional(),
  codePath: z.string().optional(),
  okCode: z.string().optional(),
  codeCategories: z.record(z.string(), z.enum(['rate-limit', 'auth', 'refused', 'bad-request', 'server'])).optional(),
  costPath: z.string().optional(),
  cancel: Step.optional(),
  resultUrlTtlMs: z.int().min(1).optional(),
});

export const AsyncJobConfigSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.literal('async-job'),
    /** A ready protocol: replicate, fal, dashscope-wanx-video, dashscope-wanx-image, minimax-video. */
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
