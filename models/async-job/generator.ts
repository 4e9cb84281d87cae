import { z } from 'zod';
import {
  type CancelOutcome,
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  type LedgerEntry,
  failure,
} from '../../core/types/index.js';
import { readApiKey, systemPollClock, type AdapterEnv, type ApiKey } from '../adapter-common.js';
import { PRESETS } from './presets.js';
import type { JobProtocol } from './protocol.js';
import { AsyncJobConfigSchema, paramSources, type AsyncJobConfig } from './config.js';
import { configuredPrice } from '../pricing.js';
import { runJob } from './job-runner.js';
import { cancelAtService, jobSender, type Job } from './job-requests.js';
import { checkTemplates } from '../http/json-template.js';
import { readJwtAuth } from '../http/jwt.js';

/** The preset's protocol with the config's own fields on top; a protocol missing a field is a config error. */
export function resolveProtocol(config: AsyncJobConfig): JobProtocol & { apiKeyEnv?: string } {
  let base: Partial<JobProtocol> = {};
  if (config.preset !== undefined) {
    if (config.model === undefined) throw new Error(`async-job "${config.id}": preset ${config.preset} needs "model"`);
    base = PRESETS[config.preset].build({ model: config.model, baseUrl: config.baseUrl, params: config.params });
  }
  const defined = Object.fromEntries(Object.entries(config.protocol).filter(([, v]) => v !== undefined));
  const merged = { headers: {}, failedValues: [], errorPaths: [], ...base, ...defined } as Partial<JobProtocol>;
  const missing = (['create', 'idPath', 'poll', 'statusPath', 'doneValues', 'resultUrlPath'] as const).filter(
    (k) => merged[k] === undefined,
  );
  if (missing.length > 0) throw new Error(`async-job "${config.id}": no preset, and protocol lacks ${missing.join(', ')}`);
  return { modality: 'image', ...merged, apiKeyEnv: config.apiKeyEnv ?? base.apiKeyEnv } as JobProtocol;
}

export function createAsyncJobGenerator(input: z.input<typeof AsyncJobConfigSchema>, env: AdapterEnv = {}): Generator {
  const config = AsyncJobConfigSchema.parse(input);
  const protocol = resolveProtocol(config);
  const who = `async-job "${config.id}"`;
  // Values known only later ({{id}}, {{create.x}}, {{poll.x}}) are objects here, so their paths resolve to nothing.
  checkTemplates(who, [protocol.headers, protocol.create, protocol.poll, protocol.result, protocol.downloadHeaders, protocol.cancel], {
    negativePrompt: undefined,
    id: '',
    create: {},
    poll: {},
  });
  const clock = env.clock ?? systemPollClock;
  const price = configuredPrice(config, protocol.modality, paramSources(config));
  // Read when each request is sent, so that a key set or rotated after start-up is used.
  const readKey = (): ApiKey & { token?: () => string } =>
    protocol.jwt
      ? readJwtAuth(protocol.jwt, who)
      : readApiKey(
          protocol.apiKeyEnv,
          who,
          Object.values(protocol.headers).some((h) => h.includes('{{apiKey}}')),
        );
  const job = (key: { key: string | undefined; token?: () => string }): Job => ({
    config,
    protocol,
    who,
    clock,
    apiKey: key.key,
    token: key.token,
    priceUsd: price(protocol.modality),
  });
  /** The cancel of a job a stopped run left: its id and create answer fill {{id}} and {{create.<path>}}. */
  const cancelJob = async (entry: LedgerEntry): Promise<CancelOutcome> => {
    if (entry.jobId === null) return { ok: false, said: `${who}: the ledger row has no job id to cancel` };
    const key = readKey();
    if (!key.ok) return { ok: false, said: key.error.message };
    const vars = { apiKey: key.key ?? '', negativePrompt: config.negativePrompt, id: entry.jobId, create: entry.detail?.create };
    return cancelAtService(protocol, jobSender(job(key), vars, new AbortController().signal));
  };
  return {
    id: config.id,
    type: 'async-job',
    modalities: [protocol.modality],
    synthetic: false,
    identity() {
      // The endpoint and body templates decide the output; header values may hold keys and are left out.
      const { create, poll, result, modality } = protocol;
      return {
        preset: config.preset,
        model: config.model,
        modality,
        negativePrompt: config.negativePrompt,
        create: { ...create, headers: undefined },
        poll: poll.url,
        result: result?.url,
      };
    },
    estimateCostUsd: price,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== protocol.modality)
        return failure('bad-request', `${who} makes ${protocol.modality}, not ${request.modality}`, false);
      const key = readKey();
      if (!key.ok) return key;
      return runJob(job(key), request, ctx);
    },
    // Only a protocol with a cancel request can stop a job; without one, `loupe jobs cancel` says so and leaves the job alone.
    ...(protocol.cancel ? { cancelJob } : {}),
  };
}
