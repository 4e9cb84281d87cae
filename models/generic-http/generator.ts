import type { z } from 'zod';
import {
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  httpBytes,
  httpJson,
  type HttpRequest,
  failure,
} from '../../core/types/index.js';
import { readApiKey } from '../adapter-common.js';
import { checkTemplates, fillTemplate, getPath, requestVars } from '../http/json-template.js';
import { checkMedia } from '../http/media-check.js';
import { checkServiceCode, errorBodyReader, isRefusal } from '../http/service-errors.js';
import { configuredPrice } from '../pricing.js';
import { HttpConfigSchema, paramSources, resolveHttpConfig } from './config.js';

export function createHttpGenerator(input: z.input<typeof HttpConfigSchema>): Generator {
  const settings = HttpConfigSchema.parse(input);
  const config = resolveHttpConfig(settings);
  const who = `http "${settings.id}"`;
  checkTemplates(who, [config.url, config.headers, config.body]);
  const price = configuredPrice(settings, config.modality, paramSources(settings));
  return {
    id: settings.id,
    type: 'http',
    modalities: [config.modality],
    synthetic: false,
    estimateCostUsd: price,
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
        timeoutMs: settings.requestTimeoutMs,
        maxBytes: settings.maxBytes,
        secrets: key.key ? [key.key] : [],
        what: `${who}: request`,
        categorise: errorBodyReader(config.response),
      };
      const url = String(fillTemplate(config.url, { ...plain, prompt: encodeURIComponent(request.text) }));
      const { response } = config;
      await ctx.ledger?.record('sending');
      if (response.kind === 'binary') {
        const got = await httpBytes(url, req);
        if (!got.ok) return got;
        const checked = await checkMedia(got.value, config.modality, who);
        return checked.ok ? { ...checked, costUsd: price(config.modality) } : checked;
      }
      const answer = await httpJson(url, req);
      const got = answer.ok ? checkServiceCode(answer, response, response.errorPath, `${who}: request`) : answer;
      if (!got.ok) return got;
      const error = response.errorPath ? getPath(got.value, response.errorPath) : undefined;
      if (error !== undefined && error !== null && error !== '') {
        const text = typeof error === 'string' ? error : JSON.stringify(error);
        return failure(
          isRefusal(text, response) ? 'refused' : 'server',
          `${who}: the service reports an error: ${text.slice(0, 300)}`,
          false,
        );
      }
      const field = getPath(got.value, response.path!);
      if (typeof field !== 'string' || field === '')
        return failure('invalid-output', `${who}: no string at ${response.path} in the answer`, false);
      let bytes: Uint8Array;
      if (response.kind === 'base64') {
        bytes = Buffer.from(field.replace(/^data:[^,]*,/, ''), 'base64');
      } else {
        const media = await httpBytes(field, {
          ...req,
          method: 'GET',
          json: undefined,
          headers: {},
          categorise: undefined,
          what: `${who}: download`,
        });
        if (!media.ok) return media;
        bytes = media.value;
      }
      const checked = await checkMedia(bytes, config.modality, who);
      if (!checked.ok) return checked;
      const cost = response.costPath ? Number(getPath(got.value, response.costPath)) : NaN;
      const id = response.idPath ? getPath(got.value, response.idPath) : undefined;
      return {
        ...checked,
        costUsd: Number.isFinite(cost) ? cost : price(config.modality),
        providerIds: id === undefined ? {} : { requestId: String(id) },
      };
    },
  };
}
