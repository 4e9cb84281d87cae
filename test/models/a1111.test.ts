import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createA1111Generator } from '../../models/a1111.js';
import { ctx, expectFailure, expectMedia, request, withEnv } from './adapter-fixtures.js';
import { hang, sendJson, startFakeServer, status, tinyPng, truncated, type FakeServer } from './fake-server.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

const PATH = '/sdapi/v1/txt2img';
const gen = (over = {}) =>
  createA1111Generator({ id: 'sd', type: 'a1111', baseUrl: server.url, width: 512, height: 512, checkpoint: 'sdxl.safetensors', ...over });
const ok = async () => ({ images: [(await tinyPng()).toString('base64')], info: JSON.stringify({ seed: 42 }) });

describe('a1111', () => {
  it('sends prompt, seed, size and checkpoint, and decodes the base64 image', async () => {
    server.on('POST', PATH, async (_r, res) => sendJson(res, 200, await ok()));
    const result = expectMedia(await gen({ negativePrompt: 'blurry' }).generate(request({ seed: 7 }), ctx()));
    expect(result.providerIds).toEqual({ seed: '42' });
    expect(server.requests[0]!.body).toMatchObject({
      prompt: 'a red apple',
      negative_prompt: 'blurry',
      seed: 7,
      width: 512,
      height: 512,
      override_settings: { sd_model_checkpoint: 'sdxl.safetensors' },
    });
  });

  it('uses basic auth from the named variable when the UI runs with --api-auth', async () => {
    const undo = withEnv({ TEST_A1111_AUTH: 'user:pass' });
    try {
      server.on('POST', PATH, async (_r, res) => sendJson(res, 200, await ok()));
      expectMedia(await gen({ apiKeyEnv: 'TEST_A1111_AUTH' }).generate(request(), ctx()));
      expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('user:pass').toString('base64')}`);
    } finally {
      undo();
    }
  });

  it('categorises faults: 429, 500, 503, 422, truncated, malformed, HTML, hung', async () => {
    const cases: [Parameters<typeof server.on>[2], string, boolean][] = [
      [status(429, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }), 'rate-limit', true],
      [status(500, {}, { error: 'OutOfMemoryError', detail: 'CUDA out of memory' }), 'server', true],
      [status(503), 'server', true],
      [status(422, {}, { detail: [{ loc: ['body', 'steps'], msg: 'value is not a valid integer' }] }), 'bad-request', false],
      [truncated(Buffer.from(JSON.stringify({ images: ['A'.repeat(9000)] }))), 'network', true],
      [(_r, res) => sendJson(res, 200, { images: [Buffer.from('not a png at all').toString('base64')] }), 'invalid-output', false],
      [(_r, res) => sendJson(res, 200, { detail: 'Not Found' }), 'invalid-output', false],
      [(_r, res) => void res.end('<html>Gradio is starting</html>'), 'invalid-output', true],
    ];
    for (const [handler, category, retryable] of cases) {
      server.on('POST', PATH, handler);
      expectFailure(await gen().generate(request(), ctx()), category as never, retryable);
    }
    server.on('POST', PATH, hang);
    expectFailure(await gen({ requestTimeoutMs: 30 }).generate(request(), ctx()), 'timeout', true);
  });

  it('puts what changes the image in its identity', () => {
    expect(gen().identity()).toMatchObject({ checkpoint: 'sdxl.safetensors', width: 512, steps: 30 });
    expect(gen({ apiKeyEnv: 'X' }).identity()).toEqual(gen().identity());
  });
});
