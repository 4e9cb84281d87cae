import type { JwtAuth } from '../http/jwt.js';
import type { ServiceErrors } from '../http/service-errors.js';
import { LEADERBOARD_PRESETS, type LeaderboardPresetName } from './leaderboard-presets.js';

/**
 * Ready protocols for job APIs of the create → poll → download shape, written from each service's
 * published API reference. A config names a preset and a model; any protocol field it sets wins.
 */

export interface JobStep {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Services that put an error code in their answers (MiniMax's base_resp, Kling's code) or word their
 * refusals their own way: `codePath`, `okCode`, `codeCategories`, `messagePath` and `refusedPattern`
 * (models/http/service-errors.ts), read in every answer of the service, error answers included.
 */
export interface JobProtocol extends ServiceErrors {
  modality: 'image' | 'video';
  apiKeyEnv?: string;
  /** A bearer token the client signs (Kling): {{apiKey}} in headers is then a fresh HS256 JWT made for each request from these two keys. */
  jwt?: JwtAuth;
  /** Header templates sent to the service's own endpoints (never to result URLs); {{apiKey}} is the key. */
  headers: Record<string, string>;
  create: JobStep;
  /** Where the job id is in the create answer. */
  idPath: string;
  /** Templates may use {{id}}, {{create.<path>}} (the create answer) and, for `result`, {{poll.<path>}}. */
  poll: JobStep;
  /** A string, number or boolean (a Google operation's `done`), compared as text with doneValues and failedValues. */
  statusPath: string;
  /** The status when statusPath is absent: a Google long-running operation leaves `done` out until it is true. */
  defaultStatus?: string;
  /** A path whose presence means the job failed whatever its status (a Google operation is done with an `error`). */
  failedPath?: string;
  doneValues: string[];
  failedValues: string[];
  /** Paths joined into the error message of a failed job (code, message). */
  errorPaths: string[];
  /** A second request after the job is done that holds the result (fal's response URL, MiniMax's file retrieval). */
  result?: JobStep;
  /** Where the media URL is, in the result answer (or the last poll answer when there is no `result`). */
  resultUrlPath: string;
  /** When the done answer has no media URL: where the service says why its filter withheld the media (Veo's raiMediaFilteredReasons); a value there makes the failure a refusal. */
  filteredPath?: string;
  /** Header templates for the media download, sent only when the media URL has the origin of the create request (a Gemini file URI wants the API key). */
  downloadHeaders?: Record<string, string>;
  /** The cost in US dollars, when the service reports it. */
  costPath?: string;
  /** The request that stops a job at the service, where the protocol has one; sent when a job passes its wait limit or by `loupe jobs cancel`. */
  cancel?: JobStep;
  /** How long the service keeps a finished job's result URL; a resume past it polls the job again for a fresh one. */
  resultUrlTtlMs?: number;
}

export type PresetName = 'replicate' | 'fal' | 'dashscope-wanx-video' | 'dashscope-wanx-image' | 'minimax-video' | LeaderboardPresetName;

interface PresetInput {
  model: string;
  baseUrl?: string;
  params: Record<string, unknown>;
}

const bearer = { authorization: 'Bearer {{apiKey}}' };

export const PRESETS: Record<PresetName, { description: string; build(input: PresetInput): JobProtocol }> = {
  // Replicate: POST /v1/models/{owner}/{name}/predictions (or /v1/predictions with a version id)
  // with {input}; GET /v1/predictions/{id} until status is succeeded, failed or canceled; output is
  // a URL or a list of URLs.
  replicate: {
    description: 'Replicate predictions: model "owner/name" or "owner/name:version"; image unless modality says video',
    build: ({ model, baseUrl = 'https://api.replicate.com/v1', params }) => {
      const [name, version] = model.split(':');
      return {
        modality: 'image',
        apiKeyEnv: 'REPLICATE_API_TOKEN',
        headers: bearer,
        create: version
          ? { url: `${baseUrl}/predictions`, body: { version, input: { prompt: '{{prompt}}', seed: '{{seed}}', ...params } } }
          : { url: `${baseUrl}/models/${name}/predictions`, body: { input: { prompt: '{{prompt}}', seed: '{{seed}}', ...params } } },
        idPath: 'id',
        poll: { url: `${baseUrl}/predictions/{{id}}` },
        statusPath: 'status',
        doneValues: ['succeeded'],
        failedValues: ['failed', 'canceled', 'aborted'],
        errorPaths: ['error'],
        resultUrlPath: 'output',
        cancel: { url: `${baseUrl}/predictions/{{id}}/cancel`, method: 'POST' },
        // "Output files are served by replicate.delivery and expire after an hour" (HTTP API reference).
        resultUrlTtlMs: 60 * 60_000,
      };
    },
  },
  // fal queue: POST https://queue.fal.run/{model} with the input; the answer carries request_id,
  // status_url and response_url; status is IN_QUEUE, IN_PROGRESS, COMPLETED; the response URL holds
  // {images: [{url}]} or {video: {url}}. Keys go as "Authorization: Key ...".
  fal: {
    description: 'fal.ai queue: model e.g. "fal-ai/flux/dev"; results from images[0].url (or video.url for modality video)',
    build: ({ model, baseUrl = 'https://queue.fal.run', params }) => ({
      modality: 'image',
      apiKeyEnv: 'FAL_KEY',
      headers: { authorization: 'Key {{apiKey}}' },
      create: { url: `${baseUrl}/${model}`, body: { prompt: '{{prompt}}', seed: '{{seed}}', ...params } },
      idPath: 'request_id',
      poll: { url: '{{create.status_url}}' },
      statusPath: 'status',
      doneValues: ['COMPLETED'],
      failedValues: ['FAILED', 'ERROR'],
      errorPaths: ['error', 'detail'],
      result: { url: '{{create.response_url}}' },
      resultUrlPath: 'images[0].url',
      cancel: { url: '{{create.cancel_url}}', method: 'PUT' },
    }),
  },
  // Alibaba DashScope (Model Studio) Wanxiang text-to-video: POST
  // /api/v1/services/aigc/video-generation/video-synthesis with "X-DashScope-Async: enable" and
  // {model, input: {prompt, negative_prompt}, parameters}; GET /api/v1/tasks/{task_id} until
  // output.task_status is SUCCEEDED (or FAILED, CANCELED, UNKNOWN); output.video_url.
  'dashscope-wanx-video': {
    description:
      'Alibaba DashScope Wanxiang text-to-video async task, e.g. model "wan2.1-t2v-turbo"; baseUrl https://dashscope-intl.aliyuncs.com/api/v1 outside China',
    build: ({ model, baseUrl = 'https://dashscope.aliyuncs.com/api/v1', params }) => dashscope(model, baseUrl, params, 'video'),
  },
  // The same task API for text-to-image: .../text2image/image-synthesis; output.results[0].url.
  'dashscope-wanx-image': {
    description: 'Alibaba DashScope Wanxiang text-to-image async task, e.g. model "wanx2.1-t2i-turbo"',
    build: ({ model, baseUrl = 'https://dashscope.aliyuncs.com/api/v1', params }) => dashscope(model, baseUrl, params, 'image'),
  },
  // MiniMax (Hailuo) video: POST /v1/video_generation {model, prompt}; GET
  // /v1/query/video_generation?task_id= until status Success (or Fail), which gives a file_id; GET
  // /v1/files/retrieve?file_id= gives file.download_url. Errors come as HTTP 200 with
  // base_resp.status_code other than 0.
  'minimax-video': {
    description:
      'MiniMax video generation with its file retrieval step, e.g. model "MiniMax-Hailuo-02"; baseUrl https://api.minimax.io/v1 outside China',
    build: ({ model, baseUrl = 'https://api.minimaxi.com/v1', params }) => ({
      modality: 'video',
      apiKeyEnv: 'MINIMAX_API_KEY',
      headers: bearer,
      create: { url: `${baseUrl}/video_generation`, body: { model, prompt: '{{prompt}}', ...params } },
      idPath: 'task_id',
      poll: { url: `${baseUrl}/query/video_generation?task_id={{id}}` },
      statusPath: 'status',
      doneValues: ['Success'],
      failedValues: ['Fail'],
      errorPaths: ['base_resp.status_msg'],
      result: { url: `${baseUrl}/files/retrieve?file_id={{poll.file_id}}` },
      resultUrlPath: 'file.download_url',
      codePath: 'base_resp.status_code',
      okCode: '0',
      codeCategories: { '1002': 'rate-limit', '1004': 'auth', '1008': 'auth', '1026': 'refused', '1027': 'refused', '2013': 'bad-request' },
    }),
  },
  // Kling, Volcengine Ark Seedance, Zhipu CogVideoX, Runway, Luma, Gemini Veo: leaderboard-presets.ts.
  ...LEADERBOARD_PRESETS,
};

function dashscope(model: string, baseUrl: string, params: Record<string, unknown>, modality: 'image' | 'video'): JobProtocol {
  const path = modality === 'video' ? 'video-generation/video-synthesis' : 'text2image/image-synthesis';
  return {
    modality,
    apiKeyEnv: 'DASHSCOPE_API_KEY',
    headers: bearer,
    create: {
      url: `${baseUrl}/services/aigc/${path}`,
      headers: { 'x-dashscope-async': 'enable' },
      body: {
        model,
        input: { prompt: '{{prompt}}', negative_prompt: '{{negativePrompt}}' },
        parameters: { seed: '{{seed}}', ...(modality === 'image' ? { n: 1 } : {}), ...params },
      },
    },
    idPath: 'output.task_id',
    poll: { url: `${baseUrl}/tasks/{{id}}` },
    statusPath: 'output.task_status',
    doneValues: ['SUCCEEDED'],
    failedValues: ['FAILED', 'CANCELED', 'UNKNOWN'],
    errorPaths: ['output.code', 'output.message'],
    resultUrlPath: modality === 'video' ? 'output.video_url' : 'output.results[0].url',
    // Only a PENDING task can be cancelled; a running one finishes (and is billed).
    cancel: { url: `${baseUrl}/tasks/{{id}}/cancel`, method: 'POST' },
    // Task results (video_url, results[].url) are kept for 24 hours.
    resultUrlTtlMs: 24 * 60 * 60_000,
  };
}
