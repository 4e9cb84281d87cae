import type { ServiceErrors } from '../http/service-errors.js';

/**
 * Ready requests for synchronous image APIs (one request, the image in the answer), written from
 * each service's published API reference. A config names a preset and a model; `url`, `headers`,
 * `body` or `response` given in the config replace the preset's, and `params` are added to its body.
 */

export interface HttpPreset {
  apiKeyEnv: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  response: {
    kind: 'binary' | 'base64' | 'url';
    path: string;
    errorPath?: string;
  } & ServiceErrors;
}

export type HttpPresetName = 'ark-seedream' | 'zhipu-cogview' | 'gemini-imagen';

interface PresetInput {
  model: string;
  baseUrl?: string;
  params: Record<string, unknown>;
}

export const HTTP_PRESETS: Record<HttpPresetName, { description: string; build(input: PresetInput): HttpPreset }> = {
  // Volcengine Ark (Doubao) Seedream image generation, OpenAI-like and synchronous. Checked against
  // https://www.volcengine.com/docs/82379/1541523 (as mirrored by resellers' copies of it) and the Ark
  // API reference's error table: POST {base}/images/generations, Bearer ARK_API_KEY, body {model,
  // prompt, response_format: url | b64_json, size, watermark...}, answer data[0].url or
  // data[0].b64_json; content-filter errors are HTTP 400 with error.code InputTextSensitiveContentDetected,
  // Input/OutputImageSensitiveContentDetected or *RiskDetection, and a group answer may carry data[i].error
  // for an image withheld by the output filter. Not checked: whether every Seedream version takes `seed`
  // (3.0 does; give it in params as "{{seed}}"). b64_json is asked for so that no second download can
  // fail after the image is billed.
  'ark-seedream': {
    description:
      'Volcengine Ark Seedream text-to-image (synchronous), e.g. model "doubao-seedream-4-0-250828"; baseUrl https://ark.ap-southeast.bytepluses.com/api/v3 for BytePlus',
    build: ({ model, baseUrl = 'https://ark.cn-beijing.volces.com/api/v3', params }) => ({
      apiKeyEnv: 'ARK_API_KEY',
      url: `${baseUrl}/images/generations`,
      headers: { authorization: 'Bearer {{apiKey}}' },
      body: { model, prompt: '{{prompt}}', response_format: 'b64_json', ...params },
      response: { kind: 'base64', path: 'data[0].b64_json', errorPath: 'data[0].error', refusedPattern: ARK_REFUSED },
    }),
  },
  // Zhipu BigModel CogView, synchronous. Checked against https://docs.bigmodel.cn/api-reference/模型-api/图像生成
  // and the platform's error-code table (https://docs.z.ai/api-reference/api-code): POST
  // https://open.bigmodel.cn/api/paas/v4/images/generations, "Authorization: Bearer <API Key>", body
  // {model, prompt, quality, size, ...}, answer {created, data: [{url}], content_filter}; errors come
  // as {error: {code, message}} with HTTP 400/429, 1301 for the content filter. Not checked: the
  // lifetime of the result URL. No seed parameter is documented.
  'zhipu-cogview': {
    description:
      'Zhipu BigModel CogView text-to-image (synchronous), e.g. model "cogview-4-250304"; baseUrl https://api.z.ai/api/paas/v4 for Z.ai',
    build: ({ model, baseUrl = 'https://open.bigmodel.cn/api/paas/v4', params }) => ({
      apiKeyEnv: 'ZHIPUAI_API_KEY',
      url: `${baseUrl}/images/generations`,
      headers: { authorization: 'Bearer {{apiKey}}' },
      body: { model, prompt: '{{prompt}}', ...params },
      response: { kind: 'url', path: 'data[0].url', ...ZHIPU_ERRORS },
    }),
  },
  // Google Gemini API Imagen, synchronous. Checked against Google's Imagen :predict reference (Vertex AI
  // model reference: {instances: [{prompt}], parameters: {sampleCount, aspectRatio, personGeneration...}},
  // answer {predictions: [{bytesBase64Encoded, mimeType}]}), the Gemini API's REST example as public
  // mirrors copy it (POST https://generativelanguage.googleapis.com/v1beta/models/{model}:predict, key in
  // "x-goog-api-key"), and Google's Imagen responsible-AI page (a prompt the safety filter stops is an
  // error saying "The prompt couldn't be submitted" or that it "might violate our policies"; fewer
  // images than asked means some were withheld). Not checked: the Gemini API page itself was not
  // retrieved; an answer with no prediction has no documented reason field there, so it stays an
  // invalid-output failure; seed is documented for Vertex AI only, so none is sent.
  'gemini-imagen': {
    description: 'Google Gemini API Imagen text-to-image (synchronous :predict), e.g. model "imagen-4.0-generate-001"',
    build: ({ model, baseUrl = 'https://generativelanguage.googleapis.com/v1beta', params }) => ({
      apiKeyEnv: 'GEMINI_API_KEY',
      url: `${baseUrl}/models/${model}:predict`,
      headers: { 'x-goog-api-key': '{{apiKey}}' },
      body: { instances: [{ prompt: '{{prompt}}' }], parameters: { sampleCount: 1, ...params } },
      response: {
        kind: 'base64',
        path: 'predictions[0].bytesBase64Encoded',
        refusedPattern: 'couldn.?t be submitted|might violate our policies',
      },
    }),
  },
};

/** Ark's content-security error codes (Seedream and Seedance alike). */
export const ARK_REFUSED = 'SensitiveContentDetected|RiskDetection';

/** Zhipu's error codes, the same for every model of the platform. */
export const ZHIPU_ERRORS: ServiceErrors = {
  codePath: 'error.code',
  messagePath: 'error.message',
  codeCategories: {
    '1000': 'auth',
    '1001': 'auth',
    '1002': 'auth',
    '1003': 'auth',
    '1004': 'auth',
    '1113': 'auth',
    '1211': 'bad-request',
    '1261': 'bad-request',
    '1301': 'refused',
    '1302': 'rate-limit',
    '1303': 'rate-limit',
    '1304': 'rate-limit',
    '1305': 'rate-limit',
  },
};
