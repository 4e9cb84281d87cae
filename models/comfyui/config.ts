import { z } from 'zod';
import { httpSettings } from '../adapter-common.js';

/** A ComfyUI generator in the config: the server, the workflow exported for the API, and which nodes take the prompt and seed. */
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
  /** Give up on a prompt that has not finished after this long: it is taken off the server's queue, never queued again. */
  maxWaitMs: z.int().min(1).default(600_000),
  /** Failed /history or /view requests in a row, asked again with backoff, before the prompt is given up. */
  maxPollErrors: z.int().min(0).default(5),
  apiKeyEnv: httpSettings.apiKeyEnv,
  requestTimeoutMs: httpSettings.requestTimeoutMs,
  maxBytes: httpSettings.maxBytes,
  pricePerRequestUsd: httpSettings.pricePerRequestUsd,
});
export type ComfyUIConfig = z.infer<typeof ComfyUIConfigSchema>;
