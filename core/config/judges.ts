import { z } from 'zod';

/**
 * The judges of `judges:` in the config: vision-language models behind an OpenAI-compatible chat
 * completions endpoint, named by a provider preset or a base URL. Keys come from the environment
 * variable `apiKeyEnv` names, never from this file, and are never stored.
 */
interface ProviderPreset {
  /** null: the user gives `baseUrl` (Azure's resource and deployment are their own). */
  baseUrl: string | null;
  /** How the key is sent: `Authorization: Bearer`, Azure's `api-key` header, or not at all (local servers). */
  auth: 'bearer' | 'api-key' | 'none';
  /** The most alternatives per token the service lists (0: it returns no log probabilities). */
  topLogprobs: number;
  imageTokens: 'openai-tiles' | null;
}

export const JUDGE_PROVIDERS = {
  // top_logprobs 0-20: https://platform.openai.com/docs/api-reference/chat/create (openai/openai-openapi, openapi.yaml).
  openai: { baseUrl: 'https://api.openai.com/v1', auth: 'bearer', topLogprobs: 20, imageTokens: 'openai-tiles' },
  // https://<resource>.openai.azure.com/openai/deployments/<deployment>, with `apiVersion`. top_logprobs 0-20 (minimum 0,
  // maximum 20) in API version 2024-10-21: https://learn.microsoft.com/en-us/azure/ai-services/openai/reference
  // (Azure/azure-rest-api-specs, specification/cognitiveservices/data-plane/AzureOpenAI/inference/stable/2024-10-21/inference.json).
  'azure-openai': { baseUrl: null, auth: 'api-key', topLogprobs: 20, imageTokens: 'openai-tiles' },
  // Alibaba Cloud Model Studio (Qwen-VL), OpenAI-compatible mode: top_logprobs up to 5, not confirmed against
  // https://www.alibabacloud.com/help/en/model-studio/qwen-api-via-openai-chat-completions (the copy searched does not
  // reach the parameter).
  dashscope: { baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', auth: 'bearer', topLogprobs: 5, imageTokens: null },
  // Volcengine Ark (Doubao vision models). logprobs and top_logprobs are request fields of
  // https://www.volcengine.com/docs/82379/1298454; the maximum of 20 (OpenAI's) is not confirmed there.
  ark: { baseUrl: 'https://ark.cn-beijing.volces.com/api/v3', auth: 'bearer', topLogprobs: 20, imageTokens: null },
  // Zhipu (GLM-4V): no log probabilities (the OpenAI-compatible fields listed at
  // https://docs.bigmodel.cn/cn/guide/develop/openai/introduction have none), so VQAScore is a `no-logprobs` failure there.
  zhipu: { baseUrl: 'https://open.bigmodel.cn/api/paas/v4', auth: 'bearer', topLogprobs: 0, imageTokens: null },
  // vLLM lists at most --max-logprobs, 20 by default ("the default for the OpenAI Chat Completions API"):
  // https://docs.vllm.ai/en/latest/configuration/engine_args.html (vllm/config.py, ModelConfig.max_logprobs).
  vllm: { baseUrl: 'http://localhost:8000/v1', auth: 'none', topLogprobs: 20, imageTokens: null },
  // Ollama refuses top_logprobs outside 0-20 (server/routes.go, https://github.com/ollama/ollama); its OpenAI-compatible
  // endpoint passing them on is https://github.com/ollama/ollama/issues/16117.
  ollama: { baseUrl: 'http://localhost:11434/v1', auth: 'none', topLogprobs: 20, imageTokens: null },
  // LM Studio's chat completions return no log probabilities (https://github.com/lmstudio-ai/lms/issues/60, open):
  // none are asked for unless the judge's topLogprobs says so.
  lmstudio: { baseUrl: 'http://localhost:1234/v1', auth: 'none', topLogprobs: 0, imageTokens: null },
  // llama.cpp's server (top_logprobs read as its n_probs): no documented maximum found; OpenAI's 20 assumed.
  'llama-cpp': { baseUrl: 'http://localhost:8080/v1', auth: 'none', topLogprobs: 20, imageTokens: null },
} as const satisfies Record<string, ProviderPreset>;
export type JudgeProvider = keyof typeof JUDGE_PROVIDERS;

export const JudgeConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'judge ids use letters, digits, ".", "_" and "-"'),
    /** A preset for the base URL, the key's header and the log probabilities the service gives; a bare OpenAI-compatible server without it. */
    provider: z.enum(Object.keys(JUDGE_PROVIDERS) as [JudgeProvider, ...JudgeProvider[]]).optional(),
    /** The endpoint up to `/chat/completions`, e.g. `http://gpu-box:8000/v1`; the preset's when omitted. */
    baseUrl: z.url().optional(),
    model: z.string().min(1),
    /** The environment variable that holds the API key (never the key itself). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
      .optional(),
    /** Azure OpenAI's `api-version` query parameter. */
    apiVersion: z.string().default('2024-10-21'),
    concurrency: z.int().min(1).max(256).default(4),
    ratePerMinute: z.number().positive().optional(),
    timeoutMs: z.int().min(1).default(120_000),
    maxAttempts: z.int().min(1).max(20).default(4),
    /** US dollars per 1,000 input tokens (text and images) and per 1,000 output tokens. */
    priceUsdPer1kInput: z.number().min(0).default(0),
    priceUsdPer1kOutput: z.number().min(0).default(0),
    /** Images are downscaled (never enlarged) to this longest side before they are sent. */
    maxImageSide: z.int().min(64).max(4096).default(768),
    /** A video is sent as this many frames, sampled uniformly by timestamp. */
    frames: z.int().min(1).max(64).default(8),
    /**
     * `video-url`: a video goes as the clip itself, re-encoded to H.264 at maxImageSide, in a
     * `video_url` content part (vLLM, DashScope's compatible mode, Volcengine Ark and OpenRouter
     * take it for their video models); `frames` (the default) works with every image endpoint.
     */
    video: z.enum(['frames', 'video-url']).default('frames'),
    /** Alternatives per token to ask for; the preset's maximum when omitted (0: ask for none). */
    topLogprobs: z.int().min(0).max(20).optional(),
    temperature: z.number().min(0).max(2).default(0),
    seed: z.int().optional(),
  })
  .superRefine((j, ctx) => {
    if (j.baseUrl === undefined && (j.provider === undefined || JUDGE_PROVIDERS[j.provider].baseUrl === null)) {
      const why = j.provider ? `the ${j.provider} preset has no default` : 'no provider preset is given';
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: `give the endpoint's baseUrl (${why})` });
    }
  });
export type JudgeConfig = z.infer<typeof JudgeConfigSchema>;

/** Where a judge's requests go and how they are authorised. */
export interface JudgeTarget {
  url: string;
  auth: ProviderPreset['auth'];
  topLogprobs: number;
  imageTokens: ProviderPreset['imageTokens'];
}

export function judgeTarget(j: JudgeConfig): JudgeTarget {
  const preset: ProviderPreset = j.provider
    ? JUDGE_PROVIDERS[j.provider]
    : { baseUrl: null, auth: j.apiKeyEnv ? 'bearer' : 'none', topLogprobs: 20, imageTokens: null };
  const base = (j.baseUrl ?? preset.baseUrl!).replace(/\/+$/, '');
  const query = preset.auth === 'api-key' ? `?api-version=${encodeURIComponent(j.apiVersion)}` : '';
  return {
    url: `${base}/chat/completions${query}`,
    auth: preset.auth,
    topLogprobs: Math.min(j.topLogprobs ?? preset.topLogprobs, preset.topLogprobs || 20),
    imageTokens: preset.imageTokens,
  };
}

/**
 * Whether the config's `metrics:` selects a judge metric (its plain id) for one judge: the plain
 * id selects it for every judge, `<metric>@<judge>` for that judge alone; no list selects all.
 */
export function wantsJudgeMetric(wanted: readonly string[] | undefined, metricId: string, judgeId: string): boolean {
  return !wanted || wanted.includes(metricId) || wanted.includes(`${metricId}@${judgeId}`);
}
