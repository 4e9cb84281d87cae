import { z } from 'zod';
import type { GenerationRequest, GenerationResult, Generator, GeneratorContext } from '../core/types/generator.js';
import { httpSettings, readApiKey, systemPollClock, type AdapterEnv } from './adapter-common.js';
import { PRESETS, type JobProtocol, type PresetName } from './async-job-presets.js';
import { runJob } from './async-job-run.js';
import { failure } from './http-errors.js';
import { checkTemplates } from './json-template.js';

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
});

export const AsyncJobConfigSchema = z.strictObject({
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
  maxWaitMs: z.int().min(1).default(30 * 60_000),
  /** Status requests that may fail in a row (429, 5xx, network) before the job is given up. */
  maxPollErrors: z.int().min(0).default(5),
  requestTimeoutMs: httpSettings.requestTimeoutMs,
  maxBytes: httpSettings.maxBytes,
  pricePerRequestUsd: httpSettings.pricePerRequestUsd,
});
export type AsyncJobConfig = z.infer<typeof AsyncJobConfigSchema>;

/** The preset's protocol with the config's own fields on top; a protocol missing a field is a config error. */
export function resolveProtocol(config: AsyncJobConfig): JobProtocol & { apiKeyEnv?: string } {
  let base: Partial<JobProtocol> = {};
  if (config.preset !== undefined) {
    if (config.model === undefined) throw new Error(`async-job "${config.id}": preset ${config.preset} needs "model"`);
    base = PRESETS[config.preset].build({ model: config.model, baseUrl: config.baseUrl, params: config.params });
  }
  const defined = Object.fromEntries(Object.entries(config.protocol).filter(([, v]) => v !== undefined));
  const merged = { headers: {}, failedValues: [], errorPaths: [], ...base, ...defined } as Partial<JobProtocol>;
  const missing = (['create', 'idPath', 'poll', 'statusPath', 'doneValues', 'resultUrlPath'] as const).filter((k) => merged[k] === undefined);
  if (missing.length > 0) throw new Error(`async-job "${config.id}": no preset, and protocol lacks ${missing.join(', ')}`);
  return { modality: 'image', ...merged, apiKeyEnv: config.apiKeyEnv ?? base.apiKeyEnv } as JobProtocol;
}

export function createAsyncJobGenerator(input: z.input<typeof AsyncJobConfigSchema>, env: AdapterEnv = {}): Generator {
  const config = AsyncJobConfigSchema.parse(input);
  const protocol = resolveProtocol(config);
  const who = `async-job "${config.id}"`;
  // Values known only later ({{id}}, {{create.x}}, {{poll.x}}) are objects here, so their paths resolve to nothing.
  checkTemplates(who, [protocol.headers, protocol.create, protocol.poll, protocol.result], { negativePrompt: undefined, id: '', create: {}, poll: {} });
  const clock = env.clock ?? systemPollClock;
  return {
    id: config.id,
    type: 'async-job',
    modalities: [protocol.modality],
    synthetic: false,
    identity() {
      // The endpoint and body templates decide the output; header values may hold keys and are left out.
      const { create, poll, result, modality } = protocol;
      return { preset: config.preset, model: config.model, modality, negativePrompt: config.negativePrompt, create: { ...create, headers: undefined }, poll: poll.url, result: result?.url };
    },
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== protocol.modality) return failure('bad-request', `${who} makes ${protocol.modality}, not ${request.modality}`, false);
      const key = readApiKey(protocol.apiKeyEnv, who, Object.values(protocol.headers).some((h) => h.includes('{{apiKey}}')));
      if (!key.ok) return key;
      return runJob({ config, protocol, who, clock, apiKey: key.key }, request, ctx.signal);
    },
  };
}
