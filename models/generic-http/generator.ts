import { z } from 'zod';
import type { GenerationRequest, GenerationResult, Generator, GeneratorContext } from '../../core/types/index.js';
import { httpSettings, readApiKey } from '../adapter-common.js';
import { httpBytes, httpJson, type HttpRequest } from '../http/client.js';
import { failure, looksRefused } from '../http/errors.js';
import { checkTemplates, fillTemplate, getPath, requestVars } from '../http/json-template.js';
import { checkMedia } from '../http/media-check.js';

export const HttpConfigSchema = z
  .strictObject({
    id: z.string().min(1),
    type: z.literal('http'),
    /** May use {{prompt}}, {{seed}}, {{sample}}, {{language}}, {{promptId}}. */
    url: z.string().min(1),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
    /** Header templates; {{apiKey}} is the value of apiKeyEnv, read at request time. */
    headers: z.record(z.string(), z.string()).default({}),
    /** A JSON template: "{{seed}}" alone keeps its type (a number). */
    body: z.unknown().optional(),
    modality: z.enum(['image', 'video']).default('image'),
    response: z.strictObject({
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
    }),
    apiKeyEnv: httpSettings.apiKeyEnv,
    requestTimeoutMs: httpSettings.requestTimeoutMs,
    maxBytes: httpSettings.maxBytes,
    pricePerRequestUsd: httpSettings.pricePerRequestUsd,
  })
  .refine((c) => c.response.kind === 'binary' || c.response.path !== undefined, {
    message: 'response.path is needed for base64 and url answers',
    path: ['response', 'path'],
  });
export type HttpConfig = z.infer<typeof HttpConfigSchema>;

export function createHttpGenerator(input: z.input<typeof HttpConfigSchema>): Generator {
  const config = HttpConfigSchema.parse(input);
  const who = `http "${config.id}"`;
  checkTemplates(who, [config.url, config.headers, config.body]);
  return {
    id: config.id,
    type: 'http',
    modalities: [config.modality],
    synthetic: false,
    identity() {
      // Header values may carry keys: only their names change the identity.
      const { url, method, body, modality, response } = config;
      return { url, method, body, modality, response, headerNames: Object.keys(config.headers).sort() };
    },
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== config.modality)
        return failure('bad-request', `${who} makes ${config.modality}, not ${request.modality}`, false);
      const usesKey = Object.values(config.headers).some((h) => h.includes('{{apiKey}}'));
      const key = readApiKey(config.apiKeyEnv, who, usesKey);
      if (!key.ok) return key;
      const vars = requestVars(request, { apiKey: key.key ?? '' });
      const plain = requestVars(request);
      const req: HttpRequest = {
        method: config.method,
        headers: fillTemplate(config.headers, vars) as Record<string, string>,
        json: config.body === undefined || config.method === 'GET' ? undefined : fillTemplate(config.body, plain),
        signal: ctx.signal,
        timeoutMs: config.requestTimeoutMs,
        maxBytes: config.maxBytes,
        secrets: key.key ? [key.key] : [],
        what: `${who}: request`,
      };
      const url = String(fillTemplate(config.url, { ...plain, prompt: encodeURIComponent(request.text) }));
      const { response } = config;
      if (response.kind === 'binary') {
        const got = await httpBytes(url, req);
        if (!got.ok) return got;
        const checked = await checkMedia(got.value, config.modality, who);
        return checked.ok ? { ...checked, costUsd: config.pricePerRequestUsd } : checked;
      }
      const got = await httpJson(url, req);
      if (!got.ok) return got;
      const error = response.errorPath ? getPath(got.value, response.errorPath) : undefined;
      if (error !== undefined && error !== null && error !== '') {
        const text = typeof error === 'string' ? error : JSON.stringify(error);
        return failure(looksRefused(text) ? 'refused' : 'server', `${who}: the service reports an error: ${text.slice(0, 300)}`, false);
      }
      const field = getPath(got.value, response.path!);
      if (typeof field !== 'string' || field === '')
        return failure('invalid-output', `${who}: no string at ${response.path} in the answer`, false);
      let bytes: Uint8Array;
      if (response.kind === 'base64') {
        bytes = Buffer.from(field.replace(/^data:[^,]*,/, ''), 'base64');
      } else {
        const media = await httpBytes(field, { ...req, method: 'GET', json: undefined, headers: {}, what: `${who}: download` });
        if (!media.ok) return media;
        bytes = media.value;
      }
      const checked = await checkMedia(bytes, config.modality, who);
      if (!checked.ok) return checked;
      const cost = response.costPath ? Number(getPath(got.value, response.costPath)) : NaN;
      const id = response.idPath ? getPath(got.value, response.idPath) : undefined;
      return {
        ...checked,
        costUsd: Number.isFinite(cost) ? cost : config.pricePerRequestUsd,
        providerIds: id === undefined ? {} : { requestId: String(id) },
      };
    },
  };
}
