import { describe, expect, it } from 'vitest';
import { createAsyncJobGenerator } from '../../../models/async-job/generator.js';
import { signJwtHs256 } from '../../../models/http/jwt.js';
import { ctx, expectFailure, expectMedia, fakePollClock, request, useFakeServer, withEnv } from '../adapter-fixtures.js';
import { sendJson } from '../fake-server.js';
import { KEYS, klingAuthError, klingDone, klingRoutes } from './leaderboard-fakes.js';

/** The Kling presets against a local server that verifies each request's JWT as Kling's reference describes it. */

const fake = useFakeServer({ KLING_ACCESS_KEY: KEYS.klingAccess, KLING_SECRET_KEY: KEYS.klingSecret });

type Input = Parameters<typeof createAsyncJobGenerator>[0];
const gen = (over: Partial<Input>) =>
  createAsyncJobGenerator({ id: 'kling', type: 'async-job', pollIntervalMs: 1000, maxWaitMs: 60_000, ...over } as Input, {
    clock: fakePollClock(),
  });
const video = request({ modality: 'video' });
const methodsAndPaths = () => fake.server.requests.map((r) => `${r.method} ${r.path}`);

describe('kling', () => {
  const kling = (kind: 'image' | 'video', over: Partial<Input> = {}) =>
    gen({
      preset: kind === 'image' ? 'kling-image' : 'kling-video',
      model: 'kling-v2-1',
      baseUrl: fake.server.url,
      negativePrompt: 'blur',
      ...over,
    });

  it('image: a verified JWT on every request, the task polled until succeed, data.task_result.images[0].url fetched without it', async () => {
    klingRoutes(fake.server, 'image', [{ task_status: 'processing' }, klingDone(fake.server, 'image')]);
    const result = expectMedia(await kling('image', { params: { aspect_ratio: '1:1' } }).generate(request(), ctx()));
    expect(result.providerIds).toEqual({ jobId: 'k1' });
    expect(methodsAndPaths()).toEqual([
      'POST /v1/images/generations',
      'GET /v1/images/generations/k1',
      'GET /v1/images/generations/k1',
      'GET /kcdn/k1.png',
    ]);
    expect(fake.server.requests[0]!.body).toEqual({
      model_name: 'kling-v2-1',
      prompt: 'a red apple',
      negative_prompt: 'blur',
      aspect_ratio: '1:1',
    });
    for (const r of fake.server.requests.slice(0, 3)) expect(klingAuthError(r.headers)).toBeUndefined();
    expect(fake.server.requests[3]!.headers.authorization).toBeUndefined();
  });

  it('video: text2video polled by task id, data.task_result.videos[0].url', async () => {
    klingRoutes(fake.server, 'video', [klingDone(fake.server, 'video')]);
    const result = expectMedia(await kling('video', { params: { duration: '5', mode: 'std' } }).generate(video, ctx()));
    expect(result.media.mime).toBe('video/mp4');
    expect(methodsAndPaths()).toEqual(['POST /v1/videos/text2video', 'GET /v1/videos/text2video/k1', 'GET /kcdn/k1.mp4']);
    expect(fake.server.requests[0]!.body).toEqual({
      model_name: 'kling-v2-1',
      prompt: 'a red apple',
      negative_prompt: 'blur',
      duration: '5',
      mode: 'std',
    });
  });

  it('the fake checks the JWT: a wrong secret, a wrong access key or a missing key is an auth failure, and nothing is polled', async () => {
    klingRoutes(fake.server, 'video', [klingDone(fake.server, 'video')]);
    for (const env of [{ KLING_SECRET_KEY: 'not-the-secret' }, { KLING_ACCESS_KEY: 'ak-other' }]) {
      const undo = withEnv(env);
      try {
        const e = expectFailure(await kling('video').generate(video, ctx()), 'auth', false);
        expect(e.message).not.toContain('not-the-secret');
      } finally {
        undo();
      }
    }
    const undo = withEnv({ KLING_SECRET_KEY: undefined });
    try {
      expect(expectFailure(await kling('video').generate(video, ctx()), 'auth', false).message).toContain('KLING_SECRET_KEY');
    } finally {
      undo();
    }
    expect(fake.server.requests.every((r) => r.method === 'POST')).toBe(true);
    // The fake's own check, against tokens made outside the preset: expired, not yet valid, another issuer.
    const now = Math.floor(Date.now() / 1000);
    const token = (claims: Record<string, unknown>) => ({ authorization: `Bearer ${signJwtHs256(claims, KEYS.klingSecret)}` });
    expect(klingAuthError(token({ iss: KEYS.klingAccess, exp: now - 1, nbf: now - 1800 }))).toMatchObject({ code: 1004 });
    expect(klingAuthError(token({ iss: KEYS.klingAccess, exp: now + 1800, nbf: now + 60 }))).toMatchObject({ code: 1003 });
    expect(klingAuthError(token({ iss: 'ak-other', exp: now + 1800, nbf: now - 5 }))).toMatchObject({ code: 1000 });
    expect(klingAuthError(token({ iss: KEYS.klingAccess, exp: now + 1800, nbf: now - 5 }))).toBeUndefined();
  });

  it('a failed task may be retried; code 1301 (HTTP 400) is refused; 1102 (HTTP 429, no resource pack) is not retried; 1303 is a rate limit', async () => {
    klingRoutes(fake.server, 'video', [{ task_status: 'failed', task_status_msg: 'internal error, please retry' }]);
    const failed = expectFailure(await kling('video').generate(video, ctx()), 'server', true);
    expect(failed.message).toContain('job k1 failed: internal error, please retry');
    const answers: [number, number, string, boolean][] = [
      [400, 1301, 'refused', false],
      [429, 1102, 'auth', false],
      [429, 1303, 'rate-limit', true],
    ];
    for (const [status, code, category, retryable] of answers) {
      fake.server.on('POST', '/v1/videos/text2video', (_r, res) =>
        sendJson(res, status, { code, message: `code ${code}`, request_id: 'rq' }),
      );
      expectFailure(await kling('video').generate(video, ctx()), category as never, retryable);
    }
    fake.server.on('POST', '/v1/videos/text2video', (_r, res) =>
      sendJson(res, 200, { code: 1301, message: 'Failure to pass the risk control system', request_id: 'rq' }),
    );
    const refused = expectFailure(await kling('video').generate(video, ctx()), 'refused', false);
    expect(refused.message).toContain('code 1301: Failure to pass the risk control system');
  });
});
