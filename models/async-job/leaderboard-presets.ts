import { ARK_REFUSED, ZHIPU_ERRORS } from '../generic-http/presets.js';
import type { CodeCategory } from '../http/service-errors.js';
import { bearer, type JobProtocol, type Preset, type PresetInput } from './protocol.js';

/**
 * Job presets for the generators of today's public text-to-image and text-to-video leaderboards,
 * each written from the service's published reference; each comment says which fields were checked
 * where, and what could not be. Model parameters (aspect ratio, duration, resolution, a seed where
 * the model takes one as "{{seed}}") go in `params`.
 */

export type LeaderboardPresetName =
  | 'kling-image'
  | 'kling-video'
  | 'ark-seedance'
  | 'zhipu-cogvideox'
  | 'runway-image'
  | 'runway-video'
  | 'luma-image'
  | 'luma-video'
  | 'gemini-veo';

// Kling (Kuaishou). Checked against the API reference (https://kling.ai/document-api) as public
// copies of its pages hold it: General Info (host api-singapore.klingai.com, api.klingai.com in
// China; "Authorization: Bearer <JWT>", the JWT signed HS256 with the secret key, {iss: access key,
// exp: now + 1800, nbf: now - 5}; the error-code table: 1000-1004 auth with 401, 1100-1102 account
// with 429, 1201-1203 parameters, 1301 content security with 400, 1302-1303 rate with 429, 1304 IP
// whitelist, 5000-5002 server), Image Generation (POST /v1/images/generations {model_name, prompt,
// negative_prompt, n, aspect_ratio...}; answers {code, message, request_id, data: {task_id,
// task_status}}) and Image to Video (the query answer data.task_status submitted, processing,
// succeed, failed, data.task_status_msg, data.task_result.videos[0].url, which Text to Video shares;
// that page itself was seen only through its curl example). Not checked: the image query answer's
// task_result.images[0].url comes from the callback schema and resellers' copies; the wording of
// task_status_msg when the content filter fails a running task ("such as triggering the content risk
// control"), so such a failure is a refusal only when it uses the common words. Neither page
// documents a seed or a cancel request.
const KLING_CODES: Record<string, CodeCategory> = {
  '1000': 'auth',
  '1001': 'auth',
  '1002': 'auth',
  '1003': 'auth',
  '1004': 'auth',
  '1100': 'auth',
  '1101': 'auth',
  '1102': 'auth',
  '1201': 'bad-request',
  '1202': 'bad-request',
  '1203': 'bad-request',
  '1301': 'refused',
  '1302': 'rate-limit',
  '1303': 'rate-limit',
  '1304': 'auth',
};

function kling({ model, baseUrl = 'https://api-singapore.klingai.com', params }: PresetInput, modality: 'image' | 'video'): JobProtocol {
  const path = modality === 'image' ? '/v1/images/generations' : '/v1/videos/text2video';
  return {
    modality,
    headers: bearer,
    jwt: { accessKeyEnv: 'KLING_ACCESS_KEY', secretKeyEnv: 'KLING_SECRET_KEY' },
    create: {
      url: `${baseUrl}${path}`,
      body: { model_name: model, prompt: '{{prompt}}', negative_prompt: '{{negativePrompt}}', ...params },
    },
    idPath: 'data.task_id',
    poll: { url: `${baseUrl}${path}/{{id}}` },
    statusPath: 'data.task_status',
    doneValues: ['succeed'],
    failedValues: ['failed'],
    errorPaths: ['data.task_status_msg'],
    resultUrlPath: modality === 'image' ? 'data.task_result.images[0].url' : 'data.task_result.videos[0].url',
    codePath: 'code',
    okCode: '0',
    messagePath: 'message',
    codeCategories: KLING_CODES,
  };
}

// Runway. Checked against the API reference (https://docs.dev.runwayml.com/api/) through its
// generated SDK (github.com/runwayml/sdk-node: text-to-image.ts, text-to-video.ts, tasks.ts): base
// https://api.dev.runwayml.com/v1, "Authorization: Bearer <key>" and "X-Runway-Version: 2024-11-06"
// (the version as public clients send it; the SDK file that sets it was not read);
// POST /text_to_image or /text_to_video with {model, promptText, ratio, duration?, seed?} answers
// {id}; GET /tasks/{id} gives status PENDING, THROTTLED, RUNNING, SUCCEEDED, FAILED, CANCELLED,
// output[] (URLs) and failure / failureCode ("SAFETY.INPUT.TEXT" for a moderation failure); DELETE
// /tasks/{id} cancels a pending, throttled or running task. Not checked: the body of a 4xx answer.
// `ratio` is required by most models and differs between them: give it in params.
function runway({ model, baseUrl = 'https://api.dev.runwayml.com/v1', params }: PresetInput, modality: 'image' | 'video'): JobProtocol {
  return {
    modality,
    apiKeyEnv: 'RUNWAYML_API_SECRET',
    headers: { ...bearer, 'x-runway-version': '2024-11-06' },
    create: {
      url: `${baseUrl}/${modality === 'image' ? 'text_to_image' : 'text_to_video'}`,
      body: { model, promptText: '{{prompt}}', ...params },
    },
    idPath: 'id',
    poll: { url: `${baseUrl}/tasks/{{id}}` },
    statusPath: 'status',
    doneValues: ['SUCCEEDED'],
    failedValues: ['FAILED', 'CANCELLED'],
    errorPaths: ['failureCode', 'failure'],
    resultUrlPath: 'output[0]',
    refusedPattern: '^SAFETY\\.',
    cancel: { url: `${baseUrl}/tasks/{{id}}`, method: 'DELETE' },
  };
}

// Luma Dream Machine. Checked against the API reference through its generated SDK
// (github.com/lumalabs/lumaai-node: generations.ts, image.ts, video.ts) and the error page
// (https://docs.lumalabs.ai/docs/errors): base https://api.lumalabs.ai/dream-machine/v1, "Authorization:
// Bearer <key>"; POST /generations (video: model ray-2..., resolution, duration, aspect_ratio) or
// /generations/image (model photon-1...) answer the generation {id, state, failure_reason, assets};
// GET /generations/{id}; state queued, dreaming, completed, failed; assets.video or assets.image;
// DELETE /generations/{id} removes a generation (the only stop the reference offers); failure_reason
// "Advanced prompt moderation failed", "Frame moderation failed" or "Contains blacklisted words" for
// a moderation failure. Not checked: whether a delete stops a generation that is dreaming; the key's
// variable name LUMAAI_API_KEY (the SDK's, not read in its client file). No seed.
function luma(
  { model, baseUrl = 'https://api.lumalabs.ai/dream-machine/v1', params }: PresetInput,
  modality: 'image' | 'video',
): JobProtocol {
  return {
    modality,
    apiKeyEnv: 'LUMAAI_API_KEY',
    headers: bearer,
    create: { url: `${baseUrl}/generations${modality === 'image' ? '/image' : ''}`, body: { model, prompt: '{{prompt}}', ...params } },
    idPath: 'id',
    poll: { url: `${baseUrl}/generations/{{id}}` },
    statusPath: 'state',
    doneValues: ['completed'],
    failedValues: ['failed'],
    errorPaths: ['failure_reason'],
    resultUrlPath: modality === 'image' ? 'assets.image' : 'assets.video',
    refusedPattern: 'blacklisted words',
    cancel: { url: `${baseUrl}/generations/{{id}}`, method: 'DELETE' },
  };
}

export const LEADERBOARD_PRESETS: Record<LeaderboardPresetName, Preset> = {
  'kling-image': {
    description:
      'Kling image generation task (JWT from KLING_ACCESS_KEY and KLING_SECRET_KEY), e.g. model "kling-v2"; baseUrl https://api.klingai.com in China',
    build: (input) => kling(input, 'image'),
  },
  'kling-video': {
    description:
      'Kling text-to-video task (JWT from KLING_ACCESS_KEY and KLING_SECRET_KEY), e.g. model "kling-v2-1-master", params { duration: "5" }',
    build: (input) => kling(input, 'video'),
  },
  // Volcengine Ark (Doubao) Seedance video tasks. Checked against the Ark API reference (create
  // https://www.volcengine.com/docs/82379/1520757, query 1521309, cancel or delete, and the error
  // table, as mirrored by resellers and a copy of the reference's PDF): POST
  // {base}/contents/generations/tasks with {model, content: [{type: "text", text}], ratio?, duration?,
  // resolution?} answers {id}; GET .../tasks/{id} gives status queued, running, succeeded, failed,
  // cancelled (expired for old tasks), content.video_url, error {code, message}; DELETE .../tasks/{id}
  // cancels a queued task (and deletes a finished one; a running one cannot be stopped). Content
  // filter codes: *SensitiveContentDetected, *RiskDetection. Not checked: which Seedance versions take
  // the top-level `seed` (give it in params as "{{seed}}").
  'ark-seedance': {
    description:
      'Volcengine Ark Seedance text-to-video task, e.g. model "doubao-seedance-1-0-pro-250528"; baseUrl https://ark.ap-southeast.bytepluses.com/api/v3 for BytePlus',
    build: ({ model, baseUrl = 'https://ark.cn-beijing.volces.com/api/v3', params }) => ({
      modality: 'video',
      apiKeyEnv: 'ARK_API_KEY',
      headers: bearer,
      create: { url: `${baseUrl}/contents/generations/tasks`, body: { model, content: [{ type: 'text', text: '{{prompt}}' }], ...params } },
      idPath: 'id',
      poll: { url: `${baseUrl}/contents/generations/tasks/{{id}}` },
      statusPath: 'status',
      doneValues: ['succeeded'],
      failedValues: ['failed', 'cancelled', 'expired'],
      errorPaths: ['error.code', 'error.message'],
      resultUrlPath: 'content.video_url',
      refusedPattern: ARK_REFUSED,
      cancel: { url: `${baseUrl}/contents/generations/tasks/{{id}}`, method: 'DELETE' },
    }),
  },
  // Zhipu BigModel CogVideoX. Checked against https://docs.bigmodel.cn/api-reference/模型-api/生成视频异步,
  // .../查询异步结果 and the error-code table (https://docs.z.ai/api-reference/api-code): POST
  // https://open.bigmodel.cn/api/paas/v4/videos/generations with {model, prompt, quality, size, fps,
  // with_audio...} answers {model, id, request_id, task_status}; GET /async-result/{id} gives
  // task_status PROCESSING, SUCCESS or FAIL and video_result[0].url; "Authorization: Bearer <API
  // Key>"; errors {error: {code, message}}, 1301 for the content filter. Not checked: the values of
  // task_status (PROCESSING, SUCCESS, FAIL as the issue gives them; the retrieved page shows only the
  // field) and a failed task's reason (no field documented). No cancel request and no seed are documented.
  'zhipu-cogvideox': {
    description: 'Zhipu BigModel CogVideoX video task, e.g. model "cogvideox-3"; baseUrl https://api.z.ai/api/paas/v4 for Z.ai',
    build: ({ model, baseUrl = 'https://open.bigmodel.cn/api/paas/v4', params }) => ({
      modality: 'video',
      apiKeyEnv: 'ZHIPUAI_API_KEY',
      headers: bearer,
      create: { url: `${baseUrl}/videos/generations`, body: { model, prompt: '{{prompt}}', ...params } },
      idPath: 'id',
      poll: { url: `${baseUrl}/async-result/{{id}}` },
      statusPath: 'task_status',
      doneValues: ['SUCCESS'],
      failedValues: ['FAIL'],
      errorPaths: [],
      resultUrlPath: 'video_result[0].url',
      ...ZHIPU_ERRORS,
    }),
  },
  'runway-image': {
    description: 'Runway text_to_image task, e.g. model "gen4_image", params { ratio: "1920:1080" }',
    build: (input) => runway(input, 'image'),
  },
  'runway-video': {
    description: 'Runway text_to_video task, e.g. model "gen4.5", params { ratio: "1280:720", duration: 5 }',
    build: (input) => runway(input, 'video'),
  },
  'luma-image': {
    description: 'Luma Dream Machine image generation, e.g. model "photon-1"',
    build: (input) => luma(input, 'image'),
  },
  'luma-video': {
    description: 'Luma Dream Machine video generation, e.g. model "ray-2", params { resolution: "720p", duration: "5s" }',
    build: (input) => luma(input, 'video'),
  },
  // Google Gemini API Veo, a long-running operation. Checked against Google's GenerateVideoResponse
  // type (generatedSamples[].video.uri, raiMediaFilteredCount, raiMediaFilteredReasons) and the Gemini
  // API's REST flow as public clients and mirrors of https://ai.google.dev/gemini-api/docs/video show
  // it: POST https://generativelanguage.googleapis.com/v1beta/models/{model}:predictLongRunning with
  // "x-goog-api-key" and {instances: [{prompt}], parameters: {negativePrompt, aspectRatio, resolution,
  // durationSeconds...}} answers an operation {name}; GET /v1beta/{name} until `done` is true (absent
  // before); then response.generateVideoResponse.generatedSamples[0].video.uri, whose download takes
  // the x-goog-api-key header too; a done operation may carry `error` {code, message} instead. Not
  // checked: the Gemini API page itself was not retrieved; a cancel request for these operations (none
  // documented for the Gemini API); whether the download redirects elsewhere (the key would follow, as
  // fetch forwards it). No seed.
  'gemini-veo': {
    description:
      'Google Gemini API Veo video (predictLongRunning operation), e.g. model "veo-3.0-generate-001", params { aspectRatio: "16:9" }',
    build: ({ model, baseUrl = 'https://generativelanguage.googleapis.com/v1beta', params }) => ({
      modality: 'video',
      apiKeyEnv: 'GEMINI_API_KEY',
      headers: { 'x-goog-api-key': '{{apiKey}}' },
      create: {
        url: `${baseUrl}/models/${model}:predictLongRunning`,
        body: { instances: [{ prompt: '{{prompt}}' }], parameters: { negativePrompt: '{{negativePrompt}}', ...params } },
      },
      idPath: 'name',
      poll: { url: `${baseUrl}/{{id}}` },
      statusPath: 'done',
      defaultStatus: 'false',
      doneValues: ['true'],
      failedValues: [],
      failedPath: 'error',
      errorPaths: ['error.code', 'error.message'],
      resultUrlPath: 'response.generateVideoResponse.generatedSamples[0].video.uri',
      filteredPath: 'response.generateVideoResponse.raiMediaFilteredReasons',
      downloadHeaders: { 'x-goog-api-key': '{{apiKey}}' },
    }),
  },
};
