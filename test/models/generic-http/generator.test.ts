import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpGenerator } from '../../../models/generic-http/generator.js';
import { ctx, expectFailure, expectMedia, request, withEnv } from '../adapter-fixtures.js';
import { hang, htmlAsImage, sendBytes, sendJson, startFakeServer, status, tinyPng, truncated, type FakeServer } from '../fake-server.js';

let server: FakeServer;
let undoEnv: () => void;
beforeAll(() => {
  undoEnv = withEnv({ TEST_HTTP_KEY: 'hk-123456' });
});
afterAll(() => undoEnv());
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

type Input = Parameters<typeof createHttpGenerator>[0];
const gen = (over: Partial<Input> = {}) =>
  createHttpGenerator({
    id: 'h',
    type: 'http',
    url: `${server.url}/gen`,
    apiKeyEnv: 'TEST_HTTP_KEY',
    headers: { 'x-api-key': '{{apiKey}}' },
    body: { input: { text: '{{prompt}}', seed: '{{seed}}', tag: 'run-{{sample}}' } },
    response: { kind: 'base64', path: 'result.images[0]', errorPath: 'error', costPath: 'billing.usd', idPath: 'id' },
    ...over,
  } as Input);

describe('http adapter', () => {
  it('fills the body template with typed values and reads the base64 image, cost and id by path', async () => {
    server.on('POST', '/gen', async (_r, res) =>
      sendJson(res, 200, { id: 'x9', result: { images: [(await tinyPng()).toString('base64')] }, billing: { usd: 0.01 } }),
    );
    const result = expectMedia(await gen().generate(request({ seed: 5, sample: 2 }), ctx()));
    expect(result).toMatchObject({ costUsd: 0.01, providerIds: { requestId: 'x9' } });
    expect(server.requests[0]!.body).toEqual({ input: { text: 'a red apple', seed: 5, tag: 'run-2' } });
    expect(server.requests[0]!.headers['x-api-key']).toBe('hk-123456');
  });

  it('reads binary answers and URL answers', async () => {
    server.on('POST', '/bin', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    expectMedia(await gen({ url: `${server.url}/bin`, response: { kind: 'binary' } }).generate(request(), ctx()));
    server.on('POST', '/gen', (_r, res) => sendJson(res, 200, { url: `${server.url}/img.png` }));
    server.on('GET', '/img.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    expectMedia(await gen({ response: { kind: 'url', path: 'url' } }).generate(request(), ctx()));
    server.on('GET', '/img.png', status(404));
    expectFailure(await gen({ response: { kind: 'url', path: 'url' } }).generate(request(), ctx()), 'bad-request', false);
    server.on('GET', '/img.png', htmlAsImage);
    expectFailure(await gen({ response: { kind: 'url', path: 'url' } }).generate(request(), ctx()), 'invalid-output', false);
  });

  it('categorises faults', async () => {
    const cases: [Parameters<typeof server.on>[2], string, boolean][] = [
      [status(429, { 'retry-after': '1' }), 'rate-limit', true],
      [status(429), 'rate-limit', true],
      [status(500), 'server', true],
      [status(503), 'server', true],
      [(_r, res) => sendJson(res, 200, { error: 'prompt flagged by moderation' }), 'refused', false],
      [(_r, res) => sendJson(res, 200, { result: {} }), 'invalid-output', false],
      [truncated(Buffer.from(JSON.stringify({ result: { images: ['A'.repeat(4000)] } }))), 'network', true],
    ];
    for (const [handler, category, retryable] of cases) {
      server.on('POST', '/gen', handler);
      expectFailure(await gen().generate(request(), ctx()), category as never, retryable);
    }
    server.on('POST', '/gen', hang);
    expectFailure(await gen({ requestTimeoutMs: 30 }).generate(request(), ctx()), 'timeout', true);
  });

  it('needs the key only when a header uses it; identity keeps header names, not values', async () => {
    const undo = withEnv({ TEST_HTTP_KEY: undefined });
    try {
      expect(expectFailure(await gen().generate(request(), ctx()), 'auth').message).toContain('TEST_HTTP_KEY');
    } finally {
      undo();
    }
    expect(gen({ headers: { authorization: 'Bearer literal-token' } }).identity()).toMatchObject({ headerNames: ['authorization'] });
    expect(JSON.stringify(gen({ headers: { authorization: 'Bearer literal-token' } }).identity())).not.toContain('literal-token');
    expect(() => gen({ response: { kind: 'url' } })).toThrow(/response.path/);
    expect(() => gen({ body: { text: '{{promt}}' } })).toThrow(/unknown template variable "\{\{promt\}\}"/);
  });
});
