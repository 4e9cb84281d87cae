import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { GenerationRequest, GenerationResult, Generator, GeneratorContext } from '../core/types/index.js';
import { httpSettings, joinUrl, readApiKey, systemPollClock, type AdapterEnv } from './adapter-common.js';
import { httpBytes, httpJson, type HttpRequest } from './http/client.js';
import { excerpt, failure } from './http/errors.js';
import { checkMedia } from './http/media-check.js';
import { findNode, placeInputs, resultFiles, type Workflow } from './comfyui-workflow.js';

const NodeRef = z.strictObject({
  /** A node id ("6") or its title (`_meta.title`, e.g. "Positive Prompt"). */
  node: z.string().min(1),
  /** The input to set; defaults to `text` for prompts and `seed` for the seed. */
  input: z.string().min(1).optional(),
});

export const ComfyUIConfigSchema = z.strictObject({
  id: z.string().min(1),
  type: z.literal('comfyui'),
  baseUrl: z.url().default('http://127.0.0.1:8188'),
  /** A workflow saved with "Export (API)", relative to the working folder. */
  workflow: z.string().min(1),
  nodes: z.strictObject({ prompt: NodeRef, negative: NodeRef.optional(), seed: NodeRef.optional() }),
  negativePrompt: z.string().default(''),
  /** Take the result from this node (id or title) when the workflow saves several. */
  outputNode: z.string().optional(),
  modality: z.enum(['image', 'video']).default('image'),
  pollIntervalMs: z.int().min(1).default(1_000),
  /** Give up on a prompt that has not finished after this long. */
  maxWaitMs: z.int().min(1).default(600_000),
  apiKeyEnv: httpSettings.apiKeyEnv,
  requestTimeoutMs: httpSettings.requestTimeoutMs,
  maxBytes: httpSettings.maxBytes,
  pricePerRequestUsd: httpSettings.pricePerRequestUsd,
});
export type ComfyUIConfig = z.infer<typeof ComfyUIConfigSchema>;

const History = z.record(
  z.string(),
  z.object({
    outputs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
    status: z
      .object({ status_str: z.string().optional(), completed: z.boolean().optional(), messages: z.array(z.unknown()).optional() })
      .optional(),
  }),
);

export function createComfyUIGenerator(input: z.input<typeof ComfyUIConfigSchema>, env: AdapterEnv = {}): Generator {
  const config = ComfyUIConfigSchema.parse(input);
  const who = `comfyui "${config.id}"`;
  const clock = env.clock ?? systemPollClock;
  const file = (env.resolvePath ?? ((p: string) => resolve(p)))(config.workflow);
  let text: string;
  let workflow: Workflow;
  try {
    text = readFileSync(file, 'utf8');
    workflow = JSON.parse(text) as Workflow;
  } catch (e) {
    throw new Error(`${who}: cannot read the workflow ${file}: ${(e as Error).message}`);
  }
  for (const ref of [config.nodes.prompt, config.nodes.negative, config.nodes.seed]) if (ref) findNode(workflow, ref.node, file);
  const workflowSha256 = createHash('sha256').update(text).digest('hex');

  return {
    id: config.id,
    type: 'comfyui',
    modalities: [config.modality],
    synthetic: false,
    identity() {
      const { baseUrl, nodes, negativePrompt, outputNode, modality } = config;
      return { baseUrl, workflowSha256, nodes, negativePrompt, outputNode, modality };
    },
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== config.modality)
        return failure('bad-request', `${who} makes ${config.modality}, not ${request.modality}`, false);
      const key = readApiKey(config.apiKeyEnv, who, false);
      if (!key.ok) return key;
      const base = (what: string): HttpRequest => ({
        signal: ctx.signal,
        timeoutMs: config.requestTimeoutMs,
        secrets: key.key ? [key.key] : [],
        what: `${who}: ${what}`,
        headers: key.key ? { authorization: `Bearer ${key.key}` } : {},
      });
      const graph = placeInputs(workflow, config, request);
      const queued = await httpJson(joinUrl(config.baseUrl, 'prompt'), {
        ...base('queue prompt'),
        json: { prompt: graph, client_id: randomUUID() },
      });
      if (!queued.ok) return queued;
      const promptId = (queued.value as { prompt_id?: unknown }).prompt_id;
      if (typeof promptId !== 'string') return failure('invalid-output', `${who}: POST /prompt answered without a prompt_id`, false);

      const deadline = clock.now() + config.maxWaitMs;
      for (;;) {
        const got = await httpJson(joinUrl(config.baseUrl, `history/${encodeURIComponent(promptId)}`), base('history'));
        if (!got.ok) return got;
        const parsed = History.safeParse(got.value);
        if (!parsed.success) return failure('invalid-output', `${who}: /history/${promptId} is not a history record`, false);
        const entry = parsed.data[promptId];
        if (entry?.status?.status_str === 'error') {
          return failure(
            'server',
            `${who}: prompt ${promptId} failed: ${excerpt(JSON.stringify(entry.status.messages ?? []), 300)}`,
            false,
          );
        }
        if (entry && (entry.status?.completed ?? true)) {
          const files = resultFiles(
            entry.outputs,
            config.outputNode === undefined ? undefined : findNode(workflow, config.outputNode, file),
          );
          const first = files[0];
          if (!first) return failure('invalid-output', `${who}: prompt ${promptId} finished without an output file`, false);
          const query = new URLSearchParams({ filename: first.filename, subfolder: first.subfolder ?? '', type: first.type ?? 'output' });
          const media = await httpBytes(joinUrl(config.baseUrl, `view?${query}`), { ...base('view'), maxBytes: config.maxBytes });
          if (!media.ok) return media;
          const checked = await checkMedia(media.value, config.modality, who);
          if (!checked.ok) return checked;
          return { ...checked, costUsd: config.pricePerRequestUsd ?? 0, providerIds: { promptId } };
        }
        if (clock.now() >= deadline) {
          return failure('timeout', `${who}: prompt ${promptId} not finished after ${config.maxWaitMs} ms`, true);
        }
        await clock.sleep(config.pollIntervalMs, ctx.signal);
        if (ctx.signal.aborted) return failure('cancelled', `${who}: aborted while waiting for prompt ${promptId}`, false);
      }
    },
  };
}
