import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAsyncJobGenerator } from '../../models/async-job/generator.js';
import { createCommandGenerator } from '../../models/command.js';
import { createHttpGenerator } from '../../models/generic-http/generator.js';
import { createOpenAIImagesGenerator } from '../../models/openai-images.js';
import { findClipSeconds } from '../../models/pricing.js';
import { createSyntheticGenerator } from '../../models/synthetic/generator.js';
import { ctx, expectMedia, fakePollClock, request, withEnv } from './adapter-fixtures.js';
import { dashscopeRoutes } from './async-job/async-job-fakes.js';
import { startFakeServer, type FakeServer } from './fake-server.js';

type JobInput = Parameters<typeof createAsyncJobGenerator>[0];
type HttpInput = Parameters<typeof createHttpGenerator>[0];

const http = (over: Partial<HttpInput>) =>
  createHttpGenerator({ id: 'clips', type: 'http', url: 'http://127.0.0.1:9/gen', response: { kind: 'binary' }, ...over } as HttpInput);

/** The config error a generator entry gives, as `field: message` lines. */
function configError(make: () => unknown): string {
  try {
    make();
  } catch (e) {
    if (e instanceof z.ZodError) return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw e;
  }
  throw new Error('no error');
}

describe('findClipSeconds', () => {
  it('takes the first duration key, the shallowest first, as a number or a string of seconds', () => {
    expect(findClipSeconds([{ path: 'params', value: { duration: 5 } }])).toEqual({ ok: true, seconds: 5, from: 'params.duration' });
    expect(findClipSeconds([{ path: 'body', value: { input: { prompt: '{{prompt}}', seconds: '8' } } }])).toEqual({
      ok: true,
      seconds: 8,
      from: 'body.input.seconds',
    });
    expect(findClipSeconds([{ path: 'params', value: { duration: '5s' } }])).toMatchObject({ seconds: 5 });
    expect(
      findClipSeconds([
        { path: 'params', value: { parameters: { duration: 10 } } },
        { path: 'protocol.create.body', value: { durationSeconds: 4 } },
      ]),
    ).toMatchObject({ seconds: 10, from: 'params.parameters.duration' });
    expect(
      findClipSeconds([
        { path: 'params', value: {} },
        { path: 'protocol.create.body', value: { durationSec: 6 } },
      ]),
    ).toMatchObject({
      seconds: 6,
    });
  });

  it('says where a length is missing or unreadable', () => {
    expect(findClipSeconds([{ path: 'params', value: { resolution: '720p' } }])).toEqual({
      ok: false,
      message: 'no clip length in params (one of duration, durationSec, durationSeconds, duration_seconds, seconds, in seconds)',
    });
    expect(findClipSeconds([{ path: 'body', value: { duration: 'long' } }])).toEqual({
      ok: false,
      message: 'body.duration is "long", not a number of seconds',
    });
    expect(findClipSeconds([{ path: 'body', value: { duration: -2 } }])).toMatchObject({ ok: false });
  });
});

describe('estimateCostUsd', () => {
  it('is the price per request, undefined without one, and 0 for synthetic media', () => {
    const openai = (price?: number) =>
      createOpenAIImagesGenerator({ id: 'o', type: 'openai-images', model: 'gpt-image-1', pricePerRequestUsd: price });
    expect(openai(0.04).estimateCostUsd!('image')).toBe(0.04);
    expect(openai().estimateCostUsd!('image')).toBeUndefined();
    expect(createSyntheticGenerator({ id: 's', type: 'synthetic' }).estimateCostUsd!('video')).toBe(0);
    expect(createCommandGenerator({ id: 'c', type: 'command', program: 'x', pricePerRequestUsd: 0.5 }).estimateCostUsd!('image')).toBe(0.5);
    expect(createCommandGenerator({ id: 'c', type: 'command', program: 'x' }).estimateCostUsd!('image')).toBeUndefined();
  });

  it('prices a clip per second of the length its request asks for, plus any price per request', () => {
    const kling = createAsyncJobGenerator({
      id: 'kling',
      type: 'async-job',
      preset: 'replicate',
      model: 'kwaivgi/kling-v2.1',
      protocol: { modality: 'video' },
      params: { duration: 5 },
      pricePerSecondUsd: 0.07,
    } as JobInput);
    expect(kling.estimateCostUsd!('video')).toBe(0.35);
    const veo = http({
      modality: 'video',
      body: { prompt: '{{prompt}}', durationSeconds: '8s' },
      pricePerSecondUsd: 0.5,
      pricePerRequestUsd: 0.1,
    });
    expect(veo.estimateCostUsd!('video')).toBe(4.1);
  });
});

describe('config errors name the generator and the field', () => {
  it('a per-second price without a clip length', () => {
    expect(
      configError(() =>
        createAsyncJobGenerator({
          id: 'wan',
          type: 'async-job',
          preset: 'dashscope-wanx-video',
          model: 'wan2.1',
          pricePerSecondUsd: 0.1,
        } as JobInput),
      ),
    ).toBe(
      'pricePerSecondUsd: async-job "wan": needs the clip length the request asks for: no clip length in params or protocol.create.body (one of duration, durationSec, durationSeconds, duration_seconds, seconds, in seconds); or price each clip with pricePerRequestUsd',
    );
    expect(configError(() => http({ modality: 'video', body: { duration: 'long' }, pricePerSecondUsd: 0.1 }))).toMatch(
      /^pricePerSecondUsd: http "clips": needs the clip length the request asks for: body\.duration is "long"/,
    );
  });

  it('a per-second price on an image generator, and a negative price', () => {
    expect(configError(() => http({ body: { duration: 5 }, pricePerSecondUsd: 0.1 }))).toBe(
      'pricePerSecondUsd: http "clips": a price per second of video, but this generator makes images; use pricePerRequestUsd',
    );
    expect(configError(() => http({ pricePerRequestUsd: -1 }))).toMatch(/^pricePerRequestUsd: Too small/);
  });
});

describe('the cost a generation records', () => {
  let server: FakeServer;
  let undoEnv: () => void;
  beforeEach(async () => {
    server = await startFakeServer();
    undoEnv = withEnv({ TEST_WAN_KEY: 'wan-key' });
  });
  afterEach(async () => {
    undoEnv();
    await server.close();
  });

  it('is the per-second price of the clip when the service reports none', async () => {
    dashscopeRoutes(server);
    const wan = createAsyncJobGenerator(
      {
        id: 'wan',
        type: 'async-job',
        preset: 'dashscope-wanx-video',
        model: 'wan2.1',
        baseUrl: `${server.url}/api/v1`,
        apiKeyEnv: 'TEST_WAN_KEY',
        pollIntervalMs: 1,
        params: { duration: 5 },
        pricePerSecondUsd: 0.1,
      } as JobInput,
      { clock: fakePollClock() },
    );
    const result = expectMedia(await wan.generate(request({ modality: 'video' }), ctx()));
    expect(result.costUsd).toBe(0.5);
  });
});
