import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIImagesGenerator } from '../../models/openai-images.js';
import { ctx, expectFailure, expectMedia, fakePollClock, memoryLedger, request, withEnv } from './adapter-fixtures.js';
import {
  failFirst,
  hang,
  htmlAsImage,
  sendBytes,
  sendJson,
  startFakeServer,
  status,
  tinyPng,
  truncated,
  type FakeServer,
} from './fake-server.js';

let server: FakeServer;
let undoEnv: () => void;
beforeAll(() => {
  undoEnv = withEnv({ TEST_OPENAI_KEY: 'sk-test-abcdef' });
});
afterAll(() => undoEnv());
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

const PATH = '/v1/images/generations';
const gen = (over = {}, clock = fakePollClock()) =>
  createOpenAIImagesGenerator(
    {
      id: 'oa',
      type: 'openai-images',
      model: 'gpt-image-1',
      baseUrl: `${server.url}/v1`,
      apiKeyEnv: 'TEST_OPENAI_KEY',
      size: '1024x1024',
      quality: 'high',
      ...over,
    },
    { clock },
  );
const b64 = async () => ({ data: [{ b64_json: (await tinyPng()).toString('base64') }] });

describe('openai-images', () => {
  it('sends the exact prompt, size and quality with the key, and decodes b64_json', async () => {
    server.on('POST', PATH, async (_r, res) => sendJson(res, 200, await b64(), { 'x-request-id': 'req_1' }));
    const result = expectMedia(await gen({ pricePerRequestUsd: 0.04 }).generate(request(), ctx()));
    expect(result.media).toMatchObject({ mime: 'image/png', width: 8, height: 8 });
    expect(result).toMatchObject({ costUsd: 0.04, providerIds: { requestId: 'req_1' } });
    const sent = server.requests[0]!;
    expect(sent.body).toEqual({ model: 'gpt-image-1', prompt: 'a red apple', n: 1, size: '1024x1024', quality: 'high' });
    expect(sent.headers.authorization).toBe('Bearer sk-test-abcdef');
  });

  it('downloads url answers without sending the key there', async () => {
    server.on('POST', PATH, (_r, res) => sendJson(res, 200, { data: [{ url: `${server.url}/files/a.png?sig=1` }] }));
    server.on('GET', '/files/a.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    expectMedia(await gen({ responseFormat: 'url' }).generate(request(), ctx()));
    expect(server.requests[0]!.body).toMatchObject({ response_format: 'url' });
    expect(server.requests[1]!.headers.authorization).toBeUndefined();
  });

  it('categorises each fault of the service', async () => {
    const cases: [string, Parameters<typeof server.on>[2], string, boolean][] = [
      ['429 with Retry-After', status(429, { 'retry-after': '20' }), 'rate-limit', true],
      ['429 without Retry-After', status(429), 'rate-limit', true],
      ['500', status(500), 'server', true],
      ['503', status(503), 'server', true],
      [
        'content policy',
        status(400, {}, { error: { code: 'content_policy_violation', message: 'Your request was rejected by the safety system' } }),
        'refused',
        false,
      ],
      ['bad size', status(400, {}, { error: { message: 'Invalid size' } }), 'bad-request', false],
      ['bad key', status(401), 'auth', false],
      ['malformed body', (_r, res) => void res.end('{"data":[{"b64_json":'), 'invalid-output', true],
      ['truncated body', truncated(Buffer.from(JSON.stringify({ data: [{ b64_json: 'A'.repeat(4000) }] }))), 'network', true],
      ['no image in data', (_r, res) => sendJson(res, 200, { data: [] }), 'invalid-output', false],
      [
        'not an image',
        (_r, res) => sendJson(res, 200, { data: [{ b64_json: Buffer.from('<html>oops</html>').toString('base64') }] }),
        'invalid-output',
        false,
      ],
    ];
    for (const [name, handler, category, retryable] of cases) {
      server.on('POST', PATH, handler);
      const error = expectFailure(await gen().generate(request(), ctx()), category as never, retryable);
      expect(error.message, name).not.toContain('sk-test-abcdef');
      if (name === '429 with Retry-After') expect(error.retryAfterMs).toBe(20_000);
    }
  });

  it('downloads a result URL again after a fault instead of paying for a new image, and gives up for good', async () => {
    const requested = () => server.requests.filter((r) => r.method === 'POST' && r.path === PATH).length;
    server.on('POST', PATH, (_r, res) => sendJson(res, 200, { data: [{ url: `${server.url}/files/slow.png` }] }));
    server.on(
      'GET',
      '/files/slow.png',
      failFirst(2, status(503), async (_r, res) => sendBytes(res, await tinyPng(), 'image/png')),
    );
    const clock = fakePollClock();
    expectMedia(await gen({ responseFormat: 'url' }, clock).generate(request(), ctx()));
    expect(requested()).toBe(1);
    expect(clock.sleeps).toEqual([1_000, 2_000]);

    server.requests.splice(0);
    server.on('GET', '/files/slow.png', status(500));
    const failed = expectFailure(await gen({ responseFormat: 'url' }).generate(request(), ctx()), 'server', false);
    expect(failed.message).toContain('the image was made; not requested again');
    expect(requested()).toBe(1);
    expect(server.requests.filter((r) => r.path === '/files/slow.png')).toHaveLength(4);
  });

  it('fails on a result URL that 404s or serves HTML', async () => {
    server.on('POST', PATH, (_r, res) => sendJson(res, 200, { data: [{ url: `${server.url}/files/gone.png` }] }));
    expectFailure(await gen().generate(request(), ctx()), 'bad-request', false);
    server.on('GET', '/files/gone.png', htmlAsImage);
    expectFailure(await gen().generate(request(), ctx()), 'invalid-output', false);
  });

  it('ends a hung connection by the abort signal or its own timeout', async () => {
    server.on('POST', PATH, hang);
    const stop = new AbortController();
    const pending = gen().generate(request(), ctx(stop.signal));
    await server.arrived(PATH);
    stop.abort();
    expectFailure(await pending, 'cancelled', false);
    expectFailure(await gen({ requestTimeoutMs: 30 }).generate(request(), ctx()), 'timeout', true);
  });

  it('succeeds after a fault once the service recovers (the scheduler retries, not the adapter)', async () => {
    server.on(
      'POST',
      PATH,
      failFirst(1, status(503), async (_r, res) => sendJson(res, 200, await b64())),
    );
    expectFailure(await gen().generate(request(), ctx()), 'server', true);
    expect(server.requests).toHaveLength(1);
    expectMedia(await gen().generate(request(), ctx()));
  });

  it('names the missing key variable, and keeps keys out of its identity', async () => {
    const undo = withEnv({ TEST_OPENAI_KEY: undefined });
    try {
      const e = expectFailure(await gen().generate(request(), ctx()), 'auth', false);
      expect(e.message).toContain('TEST_OPENAI_KEY');
    } finally {
      undo();
    }
    const identity = JSON.stringify(gen().identity());
    expect(identity).not.toContain('sk-test');
    expect(identity).not.toContain('TEST_OPENAI_KEY');
    expect(gen().identity()).toMatchObject({ model: 'gpt-image-1', size: '1024x1024', quality: 'high' });
    expect(gen({ size: '512x512' }).identity()).not.toEqual(gen().identity());
  });
});

describe('openai-images and the ledger', () => {
  it('records the request before it is sent, and a URL answer with its 60-minute expiry', async () => {
    server.on('POST', PATH, (_r, res) => sendJson(res, 200, { data: [{ url: `${server.url}/img/1.png` }] }));
    server.on('GET', '/img/1.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    const { ledger, records } = memoryLedger();
    expectMedia(await gen({ responseFormat: 'url' }).generate(request(), { signal: new AbortController().signal, ledger }));
    expect(records.map((r) => r.phase)).toEqual(['sending', 'result-ready']);
    expect(records[1]!.change.resultUrls).toEqual([`${server.url}/img/1.png`]);
    const ttl = Date.parse(records[1]!.change.resultExpiresAt!) - Date.now();
    expect(ttl).toBeGreaterThan(59 * 60_000);
    expect(ttl).toBeLessThanOrEqual(60 * 60_000);
  });

  it('downloads the URL a killed process was given instead of paying again, and pays again once it expired', async () => {
    server.on('POST', PATH, async (_r, res) => sendJson(res, 200, await b64()));
    server.on('GET', '/img/1.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
    const url = `${server.url}/img/1.png`;
    const valid = memoryLedger({ phase: 'result-ready', resultUrls: [url], resultExpiresAt: new Date(Date.now() + 60_000).toISOString() });
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger: valid.ledger }));
    expect(valid.state.resumed).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/img/1.png']);

    const expired = memoryLedger({ phase: 'result-ready', resultUrls: [url], resultExpiresAt: new Date(Date.now() - 1).toISOString() });
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger: expired.ledger }));
    expect(expired.state.resumed).toBe(false);
    expect(expired.phases()).toEqual(['sending']);
  });
});
