import { z } from 'zod';
import { httpSettings } from '../adapter-common.js';
import { serviceErrorFields } from '../http/service-errors.js';
import { checkPricePerSecond, type ParamSource } from '../pricing.js';
import { HTTP_PRESETS, type HttpPresetName } from './presets.js';

const ResponseSchema = z.strictObject({
  /** `binary`: the answer is the media itself; `base64`/`url`: a JSON field holds it. */
  kind: z.enum(['binary', 'base64', 'url']),
  /** The JSON path of that field, e.g. `images[0]` or `data.output.url`. */
  path: z.string().optional(),
  /** A JSON path whose presence means the service refused or failed, e.g. `error.message`. */
  errorPath: z.string().optional(),
  /** The JSON path of the cost in US dollars, when the service reports it. */
  costPath: z.string().optional(),
  /** The JSON path of the service's own request id. */
  idPath: z.string().optional(),
  /**
   * The service's own error codes and refusal words (models/http/service-errors.ts): `codePath` in a
   * 2xx answer or an error answer's body, `okCode` (default "0"), `codeCategories` (code → rate-limit,
   * auth, refused, bad-request, server), `messagePath` (the message with the code; default errorPath),
   * `refusedPattern` (a regular expression over error texts).
   */
  ...serviceErrorFields,
});

export const HttpConfigSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.literal('http'),
    /** A ready request for a synchronous image API: ark-seedream, zhipu-cogview, gemini-imagen. */
    preset: z.enum(Object.keys(HTTP_PRESETS) as [HttpPresetName, ...HttpPresetName[]]).optional(),
    /** The service's model name, as the preset sends it. */
    model: z.string().optional(),
    /** The API root of the preset (another region, a proxy). */
    baseUrl: z.string().optional(),
    /** Fields the preset adds to its request body (size, quality, aspectRatio...); templates allowed. */
    params: z.record(z.string(), z.unknown()).default({}),
    /** May use {{prompt}}, {{seed}}, {{sample}}, {{language}}, {{promptId}}. With a preset, replaces its URL. */
    url: z.string().min(1).optional(),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
    /** Header templates; {{apiKey}} is the value of apiKeyEnv, read at request time. With a preset, replace its headers. */
    headers: z.record(z.string(), z.string()).optional(),
    /** A JSON template: "{{seed}}" alone keeps its type (a number). With a preset, replaces its body (params are then not added). */
    body: z.unknown().optional(),
    modality: z.enum(['image', 'video']).default('image'),
    /** Where the media is in the answer. With a preset, replaces its response. */
    response: ResponseSchema.optional(),
    apiKeyEnv: httpSettings.apiKeyEnv,
    requestTimeoutMs: httpSettings.requestTimeoutMs,
    maxBytes: httpSettings.maxBytes,
    pricePerRequestUsd: httpSettings.pricePerRequestUsd,
    /** For video: times the clip length the body or params ask for (`duration`, `durationSec`, `durationSeconds`, `duration_seconds` or `seconds`). */
    pricePerSecondUsd: httpSettings.pricePerSecondUsd,
  })
  .superRefine((c, ctx) => checkPricePerSecond(ctx, `http "${c.id}"`, c, c.modality, paramSources(c)))
  .refine((c) => c.preset !== undefined || (c.url !== undefined && c.response !== undefined), {
    message: 'url and response are needed without a preset',
    path: ['url'],
  })
  .refine((c) => c.response === undefined || c.response.kind === 'binary' || c.response.path !== undefined, {
    message: 'response.path is needed for base64 and url answers',
    path: ['response', 'path'],
  });
export type HttpConfig = z.infer<typeof HttpConfigSchema>;

/** Where the clip length of a per-second price is read: the preset's params, then the body template. */
export function paramSources(c: { params: Record<string, unknown>; body?: unknown }): ParamSource[] {
  return [
    { path: 'params', value: c.params },
    { path: 'body', value: c.body },
  ];
}

/** The request the adapter sends: the preset's, with the config's own fields on top. */
export interface ResolvedHttp {
  url: string;
  method: HttpConfig['method'];
  headers: Record<string, string>;
  body: unknown;
  modality: HttpConfig['modality'];
  response: z.infer<typeof ResponseSchema>;
  apiKeyEnv: string | undefined;
}

export function resolveHttpConfig(config: HttpConfig): ResolvedHttp {
  const { url, method, headers, body, modality, response, apiKeyEnv } = config;
  if (config.preset === undefined) {
    if (config.model !== undefined || config.baseUrl !== undefined || Object.keys(config.params).length > 0)
      throw new Error(`http "${config.id}": model, baseUrl and params go with a preset`);
    return { url: url!, method, headers: headers ?? {}, body, modality, response: response!, apiKeyEnv };
  }
  if (config.model === undefined) throw new Error(`http "${config.id}": preset ${config.preset} needs "model"`);
  const preset = HTTP_PRESETS[config.preset].build({ model: config.model, baseUrl: config.baseUrl, params: config.params });
  return {
    url: url ?? preset.url,
    method,
    headers: headers ?? preset.headers,
    body: body ?? preset.body,
    modality,
    response: response ?? preset.response,
    apiKeyEnv: apiKeyEnv ?? preset.apiKeyEnv,
  };
}
