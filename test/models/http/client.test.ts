import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpBytes, httpJson, USER_AGENT, classifyStatus, parseRetryAfter, redact } from '../../../core/types/index.js';
import { checkMedia, sniffMime } from '../../../models/http/media-check.js';
import { expectFailure, expectMedia } from '../adapter-fixtures.js';
import {
  fakeMp4,
  hang,
  htmlAsImage,
  sendBytes,
  sendJson,
  startFakeServer,
  status,
  tinyPng,
  truncated,
  type FakeServer,
} from '../fake-server.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

const req = (over = {}) => ({ signal: new AbortController().signal, what: 'test', ...over });

describe('http client', () => {
  it('sends the user agent and JSON, and parses JSON answers', async () => {
    server.on('POST', '/echo', (r, res) => sendJson(res, 200, { got: r.body, ua: r.headers['user-agent'] }));
    const got = await httpJson(`${server.url}/echo`, req({ json: { a: 1 } }));
    expect(got.ok && got.value).toEqual({ got: { a: 1 }, ua: USER_AGENT });
    expect(USER_AGENT).toMatch(/^loupe\/\d+\.\d+\.\d+$/);
  });

  it('maps statuses to categories, with Retry-After in seconds or as an HTTP date', async () => {
    expect(classifyStatus(429, '', '7', 'x')).toMatchObject({ category: 'rate-limit', retryable: true, retryAfterMs: 7000 });
    expect(classifyStatus(429, '', null, 'x')).toMatchObject({ category: 'rate-limit', retryable: true });
    expect(classifyStatus(429, '', null, 'x').retryAfterMs).toBeUndefined();
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    for (const [code, category, retryable] of [
      [401, 'auth', false],
      [403, 'auth', false],
      [400, 'bad-request', false],
      [404, 'bad-request', false],
      [422, 'bad-request', false],
      [500, 'server', true],
      [503, 'server', true],
      [408, 'timeout', true],
    ] as const) {
      expect(classifyStatus(code, 'oops', null, 'x')).toMatchObject({ category, retryable });
    }
    expect(classifyStatus(400, '{"error":{"code":"content_policy_violation"}}', null, 'x').category).toBe('refused');
    server.on('GET', '/busy', status(503, { 'retry-after': '3' }));
    expect(expectFailure(await httpJson(`${server.url}/busy`, req()), 'server', true).retryAfterMs).toBe(3000);
  });

  it('ends a hung connection by its own timeout (retryable) or by the caller (cancelled)', async () => {
    server.on('GET', '/hang', hang);
    const timedOut = expectFailure(await httpJson(`${server.url}/hang?sig=s3cret`, req({ timeoutMs: 50 })), 'timeout', true);
    expect(timedOut.message).toContain(`no complete answer from ${new URL(server.url).host}/hang within 50 ms`);
    expect(timedOut.message).not.toContain('s3cret');
    const stop = new AbortController();
    const pending = httpJson(`${server.url}/hang`, req({ signal: stop.signal }));
    await server.arrived('/hang', 2);
    stop.abort();
    expectFailure(await pending, 'cancelled', false);
  });

  it('reports a truncated body as a network error and a malformed one as invalid output, worth asking again', async () => {
    server.on('GET', '/cut', truncated(Buffer.from(JSON.stringify({ data: 'x'.repeat(5000) }))));
    expectFailure(await httpJson(`${server.url}/cut`, req()), 'network', true);
    server.on('GET', '/bad', (_r, res) => void res.end('{"data": [1, 2'));
    expectFailure(await httpJson(`${server.url}/bad`, req()), 'invalid-output', true);
    const refused = expectFailure(await httpJson('http://127.0.0.1:1/none?token=abc', req()), 'network', true);
    expect(refused.message).toMatch(/network error at 127\.0\.0\.1:1\/none: fetch failed/);
    expect(refused.message).not.toContain('abc');
  });

  it('stops a download past the size limit, whether or not the length is declared', async () => {
    const big = Buffer.alloc(100_000, 1);
    server.on('GET', '/big', (_r, res) => sendBytes(res, big, 'image/png'));
    server.on('GET', '/stream', (_r, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(big);
      res.end(big);
    });
    expectFailure(await httpBytes(`${server.url}/big`, req({ maxBytes: 1000 })), 'invalid-output', false);
    expectFailure(await httpBytes(`${server.url}/stream`, req({ maxBytes: 150_000 })), 'invalid-output', false);
    expect((await httpBytes(`${server.url}/big`, req({ maxBytes: 100_000 }))).ok).toBe(true);
  });

  it('never puts a secret or a URL query in an error message', async () => {
    server.on('GET', '/echo-key', (r, res) => sendJson(res, 401, { error: `Incorrect API key provided: ${r.headers.authorization}` }));
    const e = expectFailure(
      await httpJson(
        `${server.url}/echo-key?key=sk-secret-123`,
        req({ headers: { authorization: 'sk-secret-123' }, secrets: ['sk-secret-123'] }),
      ),
      'auth',
    );
    expect(e.message).not.toContain('sk-secret-123');
    expect(redact('GET https://x.test/a?token=abc failed', [])).toBe('GET https://x.test/a?… failed');
  });

  it('sniffs media types from their bytes and rejects HTML served as an image', async () => {
    const png = await tinyPng();
    expect(sniffMime(png)).toBe('image/png');
    expect(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMime(Buffer.from('GIF89a......'))).toBe('image/gif');
    expect(sniffMime(fakeMp4())).toBe('video/mp4');
    expect(sniffMime(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0]))).toBe('video/webm');
    expect(sniffMime(Buffer.from('{"error": "no"}'))).toBeUndefined();
    expect(expectMedia(await checkMedia(png, 'image', 't')).media).toMatchObject({ mime: 'image/png', width: 8, height: 8 });
    expectFailure(await checkMedia(png.subarray(0, png.length - 20), 'image', 't'), 'invalid-output');
    // A JPEG cut anywhere after its scan starts, even only its last two bytes, is refused by its bytes; one with data appended after its end is not.
    const noise = { type: 'gaussian', mean: 128, sigma: 40 } as const;
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#963', noise } })
      .jpeg()
      .toBuffer();
    expect(expectMedia(await checkMedia(Buffer.concat([jpeg, Buffer.from('trailing bytes')]), 'image', 't')).media.mime).toBe('image/jpeg');
    for (const cut of [2, 40, jpeg.length - jpeg.lastIndexOf(Buffer.from([0xff, 0xda])) - 4]) {
      const r = await checkMedia(jpeg.subarray(0, jpeg.length - cut), 'image', 'cut.jpg');
      expect(expectFailure(r, 'invalid-output', false).message).toBe(
        'cut.jpg: the image/jpeg is damaged or truncated (no end-of-image marker after the image data)',
      );
    }
    expectFailure(await checkMedia(fakeMp4(), 'image', 't'), 'invalid-output');
    server.on('GET', '/img', htmlAsImage);
    const got = await httpBytes(`${server.url}/img`, req());
    expectFailure(await checkMedia(got.ok ? got.value : new Uint8Array(), 'image', 't'), 'invalid-output', false);
  });
});
