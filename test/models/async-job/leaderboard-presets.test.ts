import { describe, expect, it } from 'vitest';
import { createAsyncJobGenerator } from '../../../models/async-job/generator.js';
import { ctx, expectFailure, expectMedia, fakePollClock, ledgerRow, request, useFakeServer, withEnv } from '../adapter-fixtures.js';
import { sendJson } from '../fake-server.js';
import { KEYS, VEO_OP, arkRoutes, lumaRoutes, runwayRoutes, veoDone, veoRoutes, zhipuRoutes } from './leaderboard-fakes.js';

/** The leaderboard job presets (Kling's are in kling.test.ts), each against a local server that follows its reference. */

const fake = useFakeServer({
  ARK_API_KEY: KEYS.api,
  ZHIPUAI_API_KEY: KEYS.api,
  RUNWAYML_API_SECRET: KEYS.api,
  LUMAAI_API_KEY: KEYS.api,
  GEMINI_API_KEY: KEYS.api,
});

type Input = Parameters<typeof createAsyncJobGenerator>[0];
const gen = (over: Partial<Input>) =>
  createAsyncJobGenerator({ id: 'lb', type: 'async-job', pollIntervalMs: 1000, maxWaitMs: 60_000, ...over } as Input, {
    clock: fakePollClock(),
  });
const video = request({ modality: 'video' });
const methodsAndPaths = () => fake.server.requests.map((r) => `${r.method} ${r.path}`);

describe('ark-seedance', () => {
  const seedance = () =>
    gen({
      preset: 'ark-seedance',
      model: 'doubao-seedance-1-0-pro-250528',
      baseUrl: `${fake.server.url}/api/v3`,
      params: { ratio: '16:9', duration: 5 },
    });

  it('creates a content task, polls queued → running → succeeded, downloads content.video_url', async () => {
    arkRoutes(fake.server, [
      { status: 'queued' },
      { status: 'running' },
      { status: 'succeeded', content: { video_url: `${fake.server.url}/tos/cgt-1.mp4` }, usage: { completion_tokens: 108900 } },
    ]);
    expectMedia(await seedance().generate(video, ctx()));
    const [create] = fake.server.requests;
    expect([create!.method, create!.path, create!.headers.authorization]).toEqual([
      'POST',
      '/api/v3/contents/generations/tasks',
      `Bearer ${KEYS.api}`,
    ]);
    expect(create!.body).toEqual({
      model: 'doubao-seedance-1-0-pro-250528',
      content: [{ type: 'text', text: 'a red apple' }],
      ratio: '16:9',
      duration: 5,
    });
    expect(methodsAndPaths().slice(1)).toEqual([
      'GET /api/v3/contents/generations/tasks/cgt-1',
      'GET /api/v3/contents/generations/tasks/cgt-1',
      'GET /api/v3/contents/generations/tasks/cgt-1',
      'GET /tos/cgt-1.mp4',
    ]);
  });

  it('a failed task may be retried; a content-security code is refused, at create or in the task', async () => {
    arkRoutes(fake.server, [
      { status: 'failed', error: { code: 'InternalServiceError', message: 'The service encountered an unexpected internal error.' } },
    ]);
    expectFailure(await seedance().generate(video, ctx()), 'server', true);
    arkRoutes(fake.server, [
      {
        status: 'failed',
        error: { code: 'OutputVideoRiskDetection', message: 'The request failed because the output video may contain risk.' },
      },
    ]);
    expect(expectFailure(await seedance().generate(video, ctx()), 'refused', false).message).toContain('OutputVideoRiskDetection');
    fake.server.on('POST', '/api/v3/contents/generations/tasks', (_r, res) =>
      sendJson(res, 400, {
        error: {
          code: 'InputTextSensitiveContentDetected',
          message: 'The request failed because the input text may contain sensitive information.',
        },
      }),
    );
    expectFailure(await seedance().generate(video, ctx()), 'refused', false);
  });
});

describe('zhipu-cogvideox', () => {
  const cogvideo = () =>
    gen({
      preset: 'zhipu-cogvideox',
      model: 'cogvideox-3',
      baseUrl: `${fake.server.url}/api/paas/v4`,
      params: { quality: 'quality', size: '1920x1080' },
    });

  it('creates the task, polls /async-result until SUCCESS, downloads video_result[0].url', async () => {
    zhipuRoutes(fake.server, [
      { task_status: 'PROCESSING' },
      {
        task_status: 'SUCCESS',
        video_result: [{ url: `${fake.server.url}/sfile/z1.mp4`, cover_image_url: `${fake.server.url}/sfile/z1.png` }],
      },
    ]);
    expectMedia(await cogvideo().generate(video, ctx()));
    const [create] = fake.server.requests;
    expect([create!.method, create!.path, create!.headers.authorization]).toEqual([
      'POST',
      '/api/paas/v4/videos/generations',
      `Bearer ${KEYS.api}`,
    ]);
    expect(create!.body).toEqual({ model: 'cogvideox-3', prompt: 'a red apple', quality: 'quality', size: '1920x1080' });
    expect(methodsAndPaths().slice(1)).toEqual([
      'GET /api/paas/v4/async-result/z1',
      'GET /api/paas/v4/async-result/z1',
      'GET /sfile/z1.mp4',
    ]);
  });

  it('FAIL may be retried; code 1301 (HTTP 400) is refused; a wrong key is an auth failure', async () => {
    zhipuRoutes(fake.server, [{ task_status: 'FAIL' }]);
    expectFailure(await cogvideo().generate(video, ctx()), 'server', true);
    fake.server.on('POST', '/api/paas/v4/videos/generations', (_r, res) =>
      sendJson(res, 400, {
        contentFilter: [{ level: 1, role: 'user' }],
        error: { code: '1301', message: '系统检测到输入或生成内容可能包含不安全或敏感内容' },
      }),
    );
    expect(expectFailure(await cogvideo().generate(video, ctx()), 'refused', false).message).toContain('1301');
    zhipuRoutes(fake.server, [{ task_status: 'FAIL' }]);
    const undo = withEnv({ ZHIPUAI_API_KEY: 'wrong' });
    try {
      expectFailure(await cogvideo().generate(video, ctx()), 'auth', false);
    } finally {
      undo();
    }
  });
});

describe('runway', () => {
  const runway = (kind: 'image' | 'video') =>
    gen({
      preset: kind === 'image' ? 'runway-image' : 'runway-video',
      model: kind === 'image' ? 'gen4_image' : 'gen4.5',
      baseUrl: `${fake.server.url}/v1`,
      params: kind === 'image' ? { ratio: '1920:1080', seed: '{{seed}}' } : { ratio: '1280:720', duration: 5 },
    });

  it('image and video: the version header, promptText, tasks polled PENDING → RUNNING → SUCCEEDED, output[0]', async () => {
    runwayRoutes(fake.server, 'image', [
      { status: 'PENDING' },
      { status: 'RUNNING', progress: 0.5 },
      { status: 'SUCCEEDED', output: [`${fake.server.url}/dnznrvs05pmza/rw-1.png`] },
    ]);
    expectMedia(await runway('image').generate(request(), ctx()));
    const [create] = fake.server.requests;
    expect([create!.method, create!.path, create!.headers.authorization, create!.headers['x-runway-version']]).toEqual([
      'POST',
      '/v1/text_to_image',
      `Bearer ${KEYS.api}`,
      '2024-11-06',
    ]);
    expect(create!.body).toEqual({ model: 'gen4_image', promptText: 'a red apple', ratio: '1920:1080', seed: 42 });
    expect(fake.server.requests.at(-1)!.headers.authorization).toBeUndefined();

    runwayRoutes(fake.server, 'video', [
      { status: 'THROTTLED' },
      { status: 'SUCCEEDED', output: [`${fake.server.url}/dnznrvs05pmza/rw-1.mp4`] },
    ]);
    expectMedia(await runway('video').generate(video, ctx()));
    expect(fake.server.requests.find((r) => r.path === '/v1/text_to_video')!.body).toEqual({
      model: 'gen4.5',
      promptText: 'a red apple',
      ratio: '1280:720',
      duration: 5,
    });
  });

  it('failureCode SAFETY.* is refused; another failure may be retried', async () => {
    runwayRoutes(fake.server, 'video', [{ status: 'FAILED', failure: 'The prompt was rejected.', failureCode: 'SAFETY.INPUT.TEXT' }]);
    expect(expectFailure(await runway('video').generate(video, ctx()), 'refused', false).message).toContain('SAFETY.INPUT.TEXT');
    runwayRoutes(fake.server, 'video', [
      { status: 'FAILED', failure: 'An unexpected error occurred', failureCode: 'INTERNAL.BAD_OUTPUT.CODE01' },
    ]);
    expectFailure(await runway('video').generate(video, ctx()), 'server', true);
  });
});

describe('luma', () => {
  const luma = (kind: 'image' | 'video') =>
    gen({
      preset: kind === 'image' ? 'luma-image' : 'luma-video',
      model: kind === 'image' ? 'photon-1' : 'ray-2',
      baseUrl: `${fake.server.url}/dream-machine/v1`,
      params: kind === 'image' ? { aspect_ratio: '1:1' } : { resolution: '720p', duration: '5s' },
    });

  it('image and video: generations polled queued → dreaming → completed, assets.image / assets.video', async () => {
    lumaRoutes(fake.server, 'image', [
      { state: 'dreaming' },
      { state: 'completed', assets: { image: `${fake.server.url}/storage/lu-1.png` } },
    ]);
    expectMedia(await luma('image').generate(request(), ctx()));
    const [create] = fake.server.requests;
    expect([create!.method, create!.path, create!.headers.authorization]).toEqual([
      'POST',
      '/dream-machine/v1/generations/image',
      `Bearer ${KEYS.api}`,
    ]);
    expect(create!.body).toEqual({ model: 'photon-1', prompt: 'a red apple', aspect_ratio: '1:1' });

    lumaRoutes(fake.server, 'video', [{ state: 'completed', assets: { video: `${fake.server.url}/storage/lu-1.mp4` } }]);
    expectMedia(await luma('video').generate(video, ctx()));
    expect(fake.server.requests.find((r) => r.path === '/dream-machine/v1/generations')!.body).toEqual({
      model: 'ray-2',
      prompt: 'a red apple',
      resolution: '720p',
      duration: '5s',
    });
  });

  it('the documented moderation reasons are refused; another failure may be retried', async () => {
    for (const reason of ['Advanced prompt moderation failed', 'Contains blacklisted words']) {
      lumaRoutes(fake.server, 'video', [{ state: 'failed', failure_reason: reason }]);
      expectFailure(await luma('video').generate(video, ctx()), 'refused', false);
    }
    lumaRoutes(fake.server, 'video', [{ state: 'failed', failure_reason: 'Job failed' }]);
    expectFailure(await luma('video').generate(video, ctx()), 'server', true);
  });
});

describe('gemini-veo', () => {
  const veo = () =>
    gen({
      preset: 'gemini-veo',
      model: 'veo-3.0-generate-001',
      baseUrl: `${fake.server.url}/v1beta`,
      negativePrompt: 'cartoon',
      params: { aspectRatio: '16:9' },
    });

  it('an operation polled until done (absent before), the file URI downloaded with the key', async () => {
    veoRoutes(fake.server, [{}, { done: false }, veoDone(fake.server)]);
    const result = expectMedia(await veo().generate(video, ctx()));
    expect(result.providerIds).toEqual({ jobId: VEO_OP });
    expect(methodsAndPaths()).toEqual([
      'POST /v1beta/models/veo-3.0-generate-001:predictLongRunning',
      `GET /v1beta/${VEO_OP}`,
      `GET /v1beta/${VEO_OP}`,
      `GET /v1beta/${VEO_OP}`,
      'GET /v1beta/files/f1:download?alt=media',
    ]);
    const [create] = fake.server.requests;
    expect(create!.headers['x-goog-api-key']).toBe(KEYS.api);
    expect(create!.body).toEqual({
      instances: [{ prompt: 'a red apple' }],
      parameters: { negativePrompt: 'cartoon', aspectRatio: '16:9' },
    });
    expect(fake.server.requests.at(-1)!.headers['x-goog-api-key']).toBe(KEYS.api);
  });

  it('done with an error may be retried; done with raiMediaFilteredReasons and no sample is refused', async () => {
    veoRoutes(fake.server, [{ done: true, error: { code: 13, message: 'Internal error while generating the video.' } }]);
    expect(expectFailure(await veo().generate(video, ctx()), 'server', true).message).toContain('13: Internal error');
    veoRoutes(fake.server, [
      {
        done: true,
        response: {
          generateVideoResponse: {
            raiMediaFilteredCount: 1,
            raiMediaFilteredReasons: ["We couldn't generate the video because it may violate our policies."],
          },
        },
      },
    ]);
    expect(expectFailure(await veo().generate(video, ctx()), 'refused', false).message).toContain('violate our policies');
  });
});

describe('leaderboard presets: cancel requests', () => {
  it('each preset whose reference documents a cancel or delete sends it as the service expects, from a ledger row alone', async () => {
    arkRoutes(fake.server, [{ status: 'queued' }]);
    runwayRoutes(fake.server, 'video', [{ status: 'PENDING' }]);
    lumaRoutes(fake.server, 'video', [{ state: 'queued' }]);
    const cases: [Input['preset'], string, string, string][] = [
      ['ark-seedance', `${fake.server.url}/api/v3`, 'cgt-1', 'DELETE /api/v3/contents/generations/tasks/cgt-1'],
      ['runway-video', `${fake.server.url}/v1`, 'rw-1', 'DELETE /v1/tasks/rw-1'],
      ['luma-video', `${fake.server.url}/dream-machine/v1`, 'lu-1', 'DELETE /dream-machine/v1/generations/lu-1'],
    ];
    for (const [preset, baseUrl, id, expected] of cases) {
      const cancelled = await gen({ preset, model: 'm', baseUrl }).cancelJob!(ledgerRow({ jobId: id }));
      expect(cancelled, preset).toMatchObject({ ok: true });
      expect(methodsAndPaths().at(-1)).toBe(expected);
    }
    for (const preset of ['kling-video', 'kling-image', 'zhipu-cogvideox', 'gemini-veo'] as const)
      expect(gen({ preset, model: 'm' }).cancelJob, preset).toBeUndefined();
  });
});
