import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpGenerator } from '../../../models/generic-http/generator.js';
import { ctx, expectFailure, expectMedia, request, withEnv } from '../adapter-fixtures.js';
import { sendBytes, sendJson, startFakeServer, status, tinyPng, type FakeServer, type Handler } from '../fake-server.js';

/** The synchronous image presets, each against a local server that speaks its published protocol, key check included. */

const KEY = 'sync-key-4321';
let server: FakeServer;
let undoEnv: () => void;
beforeAll(() => {
  undoEnv = withEnv({ ARK_API_KEY: KEY, ZHIPUAI_API_KEY: KEY, GEMINI_API_KEY: KEY });
});
afterAll(() => undoEnv());
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

type Input = Parameters<typeof createHttpGenerator>[0];
const gen = (over: Partial<Input>) => createHttpGenerator({ id: 'sync', type: 'http', ...over } as Input);

/** Answers as the service does when the key is wrong or missing; otherwise hands over to `next`. */
const keyed =
  (read: (h: FakeServer['requests'][number]['headers']) => unknown, wrong: Handler, next: Handler): Handler =>
  (req, res) =>
    read(req.headers) === KEY ? next(req, res) : wrong(req, res);
const bearer = (h: FakeServer['requests'][number]['headers']) => h.authorization?.replace(/^Bearer /, '');

describe('ark-seedream', () => {
  const seedream = (over: Partial<Input> = {}) =>
    gen({ preset: 'ark-seedream', model: 'doubao-seedream-4-0-250828', baseUrl: `${server.url}/api/v3`, params: { size: '2K' }, ...over });
  const route = (answer: Handler) =>
    server.on(
      'POST',
      '/api/v3/images/generations',
      keyed(
        bearer,
        status(401, {}, { error: { code: 'AuthenticationError', message: 'the API key is invalid', type: 'Unauthorized' } }),
        answer,
      ),
    );

  it('sends the OpenAI-like request with the Ark key and reads data[0].b64_json', async () => {
    route(async (_r, res) =>
      sendJson(res, 200, {
        model: 'doubao-seedream-4-0-250828',
        created: 1757323224,
        data: [{ b64_json: (await tinyPng()).toString('base64'), size: '8x8' }],
        usage: { generated_images: 1, output_tokens: 16384, total_tokens: 16384 },
      }),
    );
    expectMedia(await seedream().generate(request(), ctx()));
    const [r] = server.requests;
    expect([r!.method, r!.path, r!.headers.authorization]).toEqual(['POST', '/api/v3/images/generations', `Bearer ${KEY}`]);
    expect(r!.body).toEqual({ model: 'doubao-seedream-4-0-250828', prompt: 'a red apple', response_format: 'b64_json', size: '2K' });
  });

  it('a filtered input or output is refused, a server error may be retried, a wrong key is an auth failure', async () => {
    route((_r, res) =>
      sendJson(res, 400, {
        error: {
          code: 'InputTextSensitiveContentDetected',
          message: 'The request failed because the input text may contain sensitive information.',
        },
      }),
    );
    expectFailure(await seedream().generate(request(), ctx()), 'refused', false);
    route((_r, res) =>
      sendJson(res, 200, {
        data: [{ error: { code: 'OutputImageSensitiveContentDetected', message: 'The output image may contain sensitive information.' } }],
      }),
    );
    expectFailure(await seedream().generate(request(), ctx()), 'refused', false);
    route(status(500, {}, { error: { code: 'InternalServiceError', message: 'The service encountered an unexpected internal error.' } }));
    expectFailure(await seedream().generate(request(), ctx()), 'server', true);
    const undo = withEnv({ ARK_API_KEY: 'wrong' });
    try {
      expectFailure(await seedream().generate(request(), ctx()), 'auth', false);
    } finally {
      undo();
    }
  });
});

describe('zhipu-cogview', () => {
  const cogview = () =>
    gen({ preset: 'zhipu-cogview', model: 'cogview-4-250304', baseUrl: `${server.url}/api/paas/v4`, params: { quality: 'hd' } });
  const route = (answer: Handler) =>
    server.on(
      'POST',
      '/api/paas/v4/images/generations',
      keyed(bearer, status(401, {}, { error: { code: '1000', message: '身份验证失败。' } }), answer),
    );

  it('sends the request with the Zhipu key and downloads data[0].url without the key', async () => {
    route((_r, res) =>
      sendJson(res, 200, { created: 1741, data: [{ url: `${server.url}/cdn/c1.png` }], content_filter: [{ role: 'assistant', level: 3 }] }),
    );
    server.on('GET', '/cdn/c1.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    expectMedia(await cogview().generate(request(), ctx()));
    const [create, download] = server.requests;
    expect([create!.method, create!.path, create!.headers.authorization]).toEqual([
      'POST',
      '/api/paas/v4/images/generations',
      `Bearer ${KEY}`,
    ]);
    expect(create!.body).toEqual({ model: 'cogview-4-250304', prompt: 'a red apple', quality: 'hd' });
    expect(download!.headers.authorization).toBeUndefined();
  });

  it('code 1301 (content filter, HTTP 400) is refused, 1302 (HTTP 429) a rate limit, 500 a server error', async () => {
    route((_r, res) =>
      sendJson(res, 400, {
        contentFilter: [{ level: 1, role: 'user' }],
        error: {
          code: '1301',
          message: '系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。',
        },
      }),
    );
    expectFailure(await cogview().generate(request(), ctx()), 'refused', false);
    route((_r, res) => sendJson(res, 429, { error: { code: '1302', message: '您当前使用该API的并发数过高' } }));
    expectFailure(await cogview().generate(request(), ctx()), 'rate-limit', true);
    route(status(500, {}, { error: { code: '500', message: '服务器内部错误' } }));
    expectFailure(await cogview().generate(request(), ctx()), 'server', true);
  });
});

describe('gemini-imagen', () => {
  const imagen = () =>
    gen({ preset: 'gemini-imagen', model: 'imagen-4.0-generate-001', baseUrl: `${server.url}/v1beta`, params: { aspectRatio: '1:1' } });
  const route = (answer: Handler) =>
    server.on(
      'POST',
      '/v1beta/models/imagen-4.0-generate-001:predict',
      keyed(
        (h) => h['x-goog-api-key'],
        status(400, {}, { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } }),
        answer,
      ),
    );

  it('sends instances/parameters with x-goog-api-key and decodes predictions[0].bytesBase64Encoded', async () => {
    route(async (_r, res) =>
      sendJson(res, 200, { predictions: [{ mimeType: 'image/png', bytesBase64Encoded: (await tinyPng()).toString('base64') }] }),
    );
    expectMedia(await imagen().generate(request(), ctx()));
    const [r] = server.requests;
    expect([r!.method, r!.path, r!.headers['x-goog-api-key'], r!.headers.authorization]).toEqual([
      'POST',
      '/v1beta/models/imagen-4.0-generate-001:predict',
      KEY,
      undefined,
    ]);
    expect(r!.body).toEqual({ instances: [{ prompt: 'a red apple' }], parameters: { sampleCount: 1, aspectRatio: '1:1' } });
  });

  it('"The prompt couldn\'t be submitted" is refused; 503 may be retried; an empty answer is invalid output', async () => {
    route((_r, res) =>
      sendJson(res, 400, {
        error: {
          code: 400,
          message: "Image generation failed with the following error: The prompt couldn't be submitted.",
          status: 'INVALID_ARGUMENT',
        },
      }),
    );
    expectFailure(await imagen().generate(request(), ctx()), 'refused', false);
    route(status(503, {}, { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }));
    expectFailure(await imagen().generate(request(), ctx()), 'server', true);
    route((_r, res) => sendJson(res, 200, {}));
    expectFailure(await imagen().generate(request(), ctx()), 'invalid-output', false);
  });
});

describe('http presets: config', () => {
  it("a preset needs a model; model and params need a preset; config fields replace the preset's; identity has no key", () => {
    expect(() => gen({ preset: 'zhipu-cogview' })).toThrow(/needs "model"/);
    expect(() => gen({ url: 'http://x', response: { kind: 'binary' }, params: { size: '1' } })).toThrow(/go with a preset/);
    expect(() => gen({ response: { kind: 'binary' } })).toThrow(/url and response are needed/);
    const own = gen({ preset: 'zhipu-cogview', model: 'cogview-4', url: 'http://proxy/images', apiKeyEnv: 'OTHER' });
    expect(own.identity()).toMatchObject({ url: 'http://proxy/images', body: { model: 'cogview-4' }, headerNames: ['authorization'] });
    expect(JSON.stringify(gen({ preset: 'gemini-imagen', model: 'imagen-4.0-generate-001' }).identity())).not.toContain(KEY);
  });
});
