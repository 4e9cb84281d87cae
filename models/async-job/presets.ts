import { LEADERBOARD_PRESETS, type LeaderboardPresetName } from './leaderboard-presets.js';
import { bearer, type JobProtocol, type Preset } from './protocol.js';

/**
 * Ready protocols for job APIs of the create → poll → download shape, written from each service's
 * published API reference. A config names a preset and a model; any protocol field it sets wins.
 */

export type PresetName = 'replicate' | 'fal' | 'dashscope-wanx-video' | 'dashscope-wanx-image' | 'minimax-video' | LeaderboardPresetName;

export const PRESETS: Record<PresetName, Preset> = {
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
