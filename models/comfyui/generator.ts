import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  type CancelOutcome,
  type GenerationRequest,
  type GenerationResult,
  type Generator,
  type GeneratorContext,
  type LedgerEntry,
  type HttpRequest,
  failure,
} from '../../core/types/index.js';
import { joinUrl, readApiKey, systemPollClock, type AdapterEnv } from '../adapter-common.js';
import { ComfyUIConfigSchema } from './config.js';
import { queuePrompt } from './queue-prompt.js';
import { awaitPrompt, cancelPrompt } from './wait.js';
import { findNode, placeInputs, type Workflow } from './workflow.js';

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
    estimateCostUsd: () => config.pricePerRequestUsd,
    async generate(request: GenerationRequest, ctx: GeneratorContext): Promise<GenerationResult> {
      if (request.modality !== config.modality)
        return failure('bad-request', `${who} makes ${config.modality}, not ${request.modality}`, false);
      const key = readApiKey(config.apiKeyEnv, who, false);
      if (!key.ok) return key;
      const base = requests(key.key, ctx.signal);
      const graph = placeInputs(workflow, config, request);
      const queued = await queuePrompt({ config, who, graph, ledger: ctx.ledger, request: base });
      if (!queued.ok) return queued;
      await ctx.ledger?.record('created', { jobId: queued.promptId });
      const promptId = queued.promptId;

      return awaitPrompt({
        config,
        who,
        clock,
        workflow,
        workflowFile: file,
        promptId,
        signal: ctx.signal,
        ledger: ctx.ledger,
        request: base,
      });
    },
    async cancelJob(entry: LedgerEntry): Promise<CancelOutcome> {
      if (entry.jobId === null) return { ok: false, said: `${who}: the ledger row has no prompt id to cancel` };
      const key = readApiKey(config.apiKeyEnv, who, false);
      if (!key.ok) return { ok: false, said: key.error.message };
      return cancelPrompt({ config, promptId: entry.jobId, request: requests(key.key, new AbortController().signal) });
    },
  };

  /** The settings of every request to the server: its key as a bearer token (a ComfyUI behind an authenticating proxy). */
  function requests(key: string | undefined, signal: AbortSignal): (what: string) => HttpRequest {
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    return (what) => ({
      signal,
      timeoutMs: config.requestTimeoutMs,
      secrets: key ? [key] : [],
      what: `${who}: ${what}`,
      headers,
    });
  }
}
