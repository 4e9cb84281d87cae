import { describe, expect, it } from 'vitest';
import { createAsyncJobGenerator } from '../../../models/async-job/generator.js';
import { ctx, expectFailure, expectMedia, fakePollClock, request, type PollClock, useFakeServer } from '../adapter-fixtures.js';
import { dashscopeRoutes, falRoutes, minimaxRoutes, replicateRoutes } from './async-job-fakes.js';
import { hang, htmlAsImage, sendJson, status } from '../fake-server.js';

const fake = useFakeServer({ TEST_JOB_KEY: 'key-secret-987' });

type Input = Parameters<typeof createAsyncJobGenerator>[0];
const gen = (over: Partial<Input>, clock: PollClock = fakePollClock()) =>
  createAsyncJobGenerator(
    { id: 'job', type: 'async-job', apiKeyEnv: 'TEST_JOB_KEY', pollIntervalMs: 1000, maxWaitMs: 10_000, ...over } as Input,
    { clock },
  );
const replicate = (over: Partial<Input> = {}, clock: PollClock = fakePollClock()) =>
  gen({ preset: 'replicate', model: 'acme/flux', baseUrl: `${fake.server.url}/v1`, params: { aspect_ratio: '1:1' }, ...over }, clock);
const video = request({ modality: 'video' });

describe('async-job presets', () => {
  it('replicate: creates a prediction, polls it, downloads the first output URL', async () => {
    replicateRoutes(fake.server, 2);
    const clock = fakePollClock();
    const result = expectMedia(await replicate({}, clock).generate(request(), ctx()));
    expect(result.providerIds).toEqual({ jobId: 'pred1' });
    expect(clock.sleeps).toEqual([1000, 1000]);
    const [create] = fake.server.requests;
    expect(create!.body).toEqual({ input: { prompt: 'a red apple', seed: 42, aspect_ratio: '1:1' } });
    expect(create!.headers.authorization).toBe('Bearer key-secret-987');
    expect(fake.server.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('fal: submits to the queue, follows status_url, reads the result from response_url', async () => {
    falRoutes(fake.server);
    expectMedia(await gen({ preset: 'fal', model: 'fal-ai/flux/dev', baseUrl: fake.server.url }).generate(request(), ctx()));
    expect(fake.server.requests.map((r) => r.path)).toEqual([
      '/fal-ai/flux/dev',
      '/fal-ai/flux/requests/r1/status',
      '/fal-ai/flux/requests/r1/status',
      '/fal-ai/flux/requests/r1',
      '/files/r1.png',
    ]);
    expect(fake.server.requests[0]!.headers.authorization).toBe('Key key-secret-987');
  });

  it('dashscope-wanx-video: an async task with X-DashScope-Async, polled by task id', async () => {
    dashscopeRoutes(fake.server);
    const g = gen({
      preset: 'dashscope-wanx-video',
      model: 'wan2.1-t2v-turbo',
      baseUrl: `${fake.server.url}/api/v1`,
      params: { size: '1280*720' },
      negativePrompt: 'blurry',
    });
    expect(g.modalities).toEqual(['video']);
    const result = expectMedia(await g.generate(video, ctx()));
    expect(result.media.mime).toBe('video/mp4');
    const create = fake.server.requests[0]!;
    expect(create.headers['x-dashscope-async']).toBe('enable');
    expect(create.body).toEqual({
      model: 'wan2.1-t2v-turbo',
      input: { prompt: 'a red apple', negative_prompt: 'blurry' },
      parameters: { seed: 42, size: '1280*720' },
    });
  });

  it('minimax-video: polls the task, then retrieves the file to get its download URL', async () => {
    minimaxRoutes(fake.server);
    expectMedia(
      await gen({ preset: 'minimax-video', model: 'MiniMax-Hailuo-02', baseUrl: `${fake.server.url}/v1` }).generate(video, ctx()),
    );
    expect(fake.server.requests.map((r) => r.path)).toEqual([
      '/v1/video_generation',
      '/v1/query/video_generation?task_id=m1',
      '/v1/query/video_generation?task_id=m1',
      '/v1/files/retrieve?file_id=998',
      '/dl/m1.mp4',
    ]);
  });
});

describe('async-job faults', () => {
  it('create: 429 with and without Retry-After, 500, 503, 401, hung, malformed: retryable only where no job exists', async () => {
    const cases: [Parameters<typeof fake.server.on>[2], string, boolean, number?][] = [
      [status(429, { 'retry-after': '12' }), 'rate-limit', true, 12_000],
      [status(429), 'rate-limit', true],
      [status(500), 'server', true],
      [status(503, { 'retry-after': '2' }), 'server', true, 2000],
      [status(401, {}, { detail: 'Invalid token key-secret-987' }), 'auth', false],
      [(_r, res) => void res.end('{"id": '), 'invalid-output', true],
      [(_r, res) => sendJson(res, 201, { status: 'starting' }), 'invalid-output', false],
    ];
    for (const [handler, category, retryable, after] of cases) {
      replicateRoutes(fake.server);
      fake.server.on('POST', '/v1/models/acme/flux/predictions', handler);
      const e = expectFailure(await replicate().generate(request(), ctx()), category as never, retryable);
      expect(e.retryAfterMs).toBe(after);
      expect(e.message).not.toContain('key-secret-987');
    }
    fake.server.on('POST', '/v1/models/acme/flux/predictions', hang);
    expectFailure(await replicate({ requestTimeoutMs: 30 }).generate(request(), ctx()), 'timeout', true);
  });

  it('a job that never finishes is cancelled at maxWaitMs without waiting, and not re-created', async () => {
    replicateRoutes(fake.server, Infinity);
    fake.server.on('POST', '/v1/predictions/pred1/cancel', (_r, res) => sendJson(res, 200, { id: 'pred1', status: 'canceled' }));
    const clock = fakePollClock();
    const e = expectFailure(await replicate({}, clock).generate(request(), ctx()), 'cancelled', false);
    expect(e.message).toMatch(
      /not finished after \d+ ms \(last status processing\); cancelled at the service, and not created again \(job pred1\)/,
    );
    expect(clock.sleeps).toHaveLength(10);
    expect(fake.server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/v1/models/acme/flux/predictions',
      '/v1/predictions/pred1/cancel',
    ]);
  });

  it('a job past maxWaitMs whose cancel fails is a timeout, left for a resume to pick up', async () => {
    replicateRoutes(fake.server, Infinity);
    fake.server.on('POST', '/v1/predictions/pred1/cancel', status(500));
    const e = expectFailure(await replicate({}, fakePollClock()).generate(request(), ctx()), 'timeout', false);
    expect(e.message).toMatch(
      /the cancel request POST 127\.0\.0\.1:\d+\/v1\/predictions\/pred1\/cancel failed \(.*HTTP 500.*\); a resume picks the job up \(job pred1\)/,
    );
  });

  it('status polls ride out a few 429/503 answers, then give up with the job id', async () => {
    replicateRoutes(fake.server);
    let n = 0;
    fake.server.on('GET', '/v1/predictions/pred1', (_r, res) =>
      n++ < 2
        ? sendJson(res, 429, {}, { 'retry-after': '3' })
        : sendJson(res, 200, { status: 'succeeded', output: `${fake.server.url}/delivery/out.png` }),
    );
    const clock = fakePollClock();
    expectMedia(await replicate({}, clock).generate(request(), ctx()));
    // The backoff doubles from pollIntervalMs (2000, 4000); Retry-After is a floor.
    expect(clock.sleeps).toEqual([3000, 4000]);
    fake.server.on('GET', '/v1/predictions/pred1', status(503));
    const e = expectFailure(await replicate({ maxPollErrors: 2 }).generate(request(), ctx()), 'server', false);
    expect(e.message).toContain('job pred1');
  });

  it('refusals: a failed DashScope task with DataInspectionFailed, a MiniMax sensitive-content code', async () => {
    dashscopeRoutes(fake.server);
    fake.server.on('GET', '/api/v1/tasks/t1', (_r, res) =>
      sendJson(res, 200, {
        output: {
          task_id: 't1',
          task_status: 'FAILED',
          code: 'DataInspectionFailed',
          message: 'Output data may contain inappropriate content.',
        },
      }),
    );
    const ds = gen({ preset: 'dashscope-wanx-video', model: 'wan', baseUrl: `${fake.server.url}/api/v1` });
    expect(expectFailure(await ds.generate(video, ctx()), 'refused', false).message).toContain('DataInspectionFailed');
    fake.server.on('GET', '/api/v1/tasks/t1', (_r, res) =>
      sendJson(res, 200, { output: { task_id: 't1', task_status: 'FAILED', code: 'InternalError', message: 'busy' } }),
    );
    expectFailure(await ds.generate(video, ctx()), 'server', true);

    minimaxRoutes(fake.server);
    fake.server.on('POST', '/v1/video_generation', (_r, res) =>
      sendJson(res, 200, { task_id: '', base_resp: { status_code: 1026, status_msg: 'input new_sensitive' } }),
    );
    const mm = gen({ preset: 'minimax-video', model: 'm', baseUrl: `${fake.server.url}/v1` });
    expectFailure(await mm.generate(video, ctx()), 'refused', false);
    fake.server.on('POST', '/v1/video_generation', (_r, res) =>
      sendJson(res, 200, { base_resp: { status_code: 1002, status_msg: 'rate limit' } }),
    );
    expectFailure(await mm.generate(video, ctx()), 'rate-limit', true);
  });

  it('result step faults: a URL that 404s, HTML served as a video, a malformed status', async () => {
    dashscopeRoutes(fake.server, 0);
    const ds = () => gen({ preset: 'dashscope-wanx-video', model: 'wan', baseUrl: `${fake.server.url}/api/v1` });
    fake.server.on('GET', '/oss/t1.mp4', status(404));
    expect(expectFailure(await ds().generate(video, ctx()), 'bad-request', false).message).toContain('job t1');
    fake.server.on('GET', '/oss/t1.mp4', htmlAsImage);
    expectFailure(await ds().generate(video, ctx()), 'invalid-output', false);
    fake.server.on('GET', '/api/v1/tasks/t1', (_r, res) => sendJson(res, 200, { output: {} }));
    expectFailure(await ds().generate(video, ctx()), 'invalid-output', false);
  });

  it('an abort while polling ends the wait at once', async () => {
    replicateRoutes(fake.server, Infinity);
    const stop = new AbortController();
    const clock = { now: () => 0, sleep: async () => stop.abort() };
    expectFailure(await replicate({}, clock).generate(request(), ctx(stop.signal)), 'cancelled', false);
  });

  it('a config without preset must give the whole protocol; identity has no key', () => {
    expect(() => gen({ protocol: { idPath: 'id' } })).toThrow(/protocol lacks create, poll, statusPath, doneValues, resultUrlPath/);
    expect(() => gen({ preset: 'fal' })).toThrow(/needs "model"/);
    const identity = JSON.stringify(replicate().identity());
    expect(identity).not.toMatch(/key-secret|TEST_JOB_KEY|apiKey/);
    expect(replicate().identity()).not.toEqual(replicate({ params: { aspect_ratio: '16:9' } }).identity());
  });
});
