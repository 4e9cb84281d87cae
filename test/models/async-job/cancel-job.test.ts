import { describe, expect, it } from 'vitest';
import { createAsyncJobGenerator } from '../../../models/async-job/generator.js';
import { fakePollClock, ledgerRow, useFakeServer, withEnv } from '../adapter-fixtures.js';
import { sendJson, status } from '../fake-server.js';
import { KEYS, klingAuthError } from './leaderboard-fakes.js';

/** `cancelJob`: the cancel of a job a stopped run left, sent from its ledger row alone (`loupe jobs cancel`). */

const fake = useFakeServer({ TEST_JOB_KEY: 'key-secret-987', KLING_ACCESS_KEY: KEYS.klingAccess, KLING_SECRET_KEY: KEYS.klingSecret });

type Input = Parameters<typeof createAsyncJobGenerator>[0];
const gen = (over: Partial<Input>) =>
  createAsyncJobGenerator({ id: 'job', type: 'async-job', apiKeyEnv: 'TEST_JOB_KEY', model: 'acme/flux', ...over } as Input, {
    clock: fakePollClock(),
  });
const replicate = () => gen({ preset: 'replicate', baseUrl: `${fake.server.url}/v1` });
const fal = () => gen({ preset: 'fal', model: 'fal-ai/flux/dev', baseUrl: fake.server.url });
const falRow = () =>
  ledgerRow({
    jobId: 'r1',
    detail: { create: { request_id: 'r1', cancel_url: `${fake.server.url}/fal-ai/flux/requests/r1/cancel` } },
  });

describe('async-job cancelJob', () => {
  it('replicate: POST /predictions/{id}/cancel with the bearer key', async () => {
    fake.server.on('POST', '/v1/predictions/pred1/cancel', (_r, res) => sendJson(res, 200, { id: 'pred1', status: 'canceled' }));
    const cancelled = await replicate().cancelJob!(ledgerRow({ jobId: 'pred1' }));
    expect(cancelled).toEqual({
      ok: true,
      said: expect.stringMatching(/^cancelled at the service \(POST 127\.0\.0\.1:\d+\/v1\/predictions\/pred1\/cancel\)$/),
    });
    expect(fake.server.requests).toHaveLength(1);
    expect(fake.server.requests[0]!.headers.authorization).toBe('Bearer key-secret-987');
  });

  it('fal: PUT to the cancel_url of the stored create answer, with "Key" auth', async () => {
    fake.server.on('PUT', '/fal-ai/flux/requests/r1/cancel', (_r, res) => sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' }));
    expect(await fal().cancelJob!(falRow())).toMatchObject({ ok: true });
    expect(fake.server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      'PUT /fal-ai/flux/requests/r1/cancel Key key-secret-987',
    ]);
  });

  it('a cancel the service fails names the request (method, host and path) and the answer, without the key', async () => {
    fake.server.on('PUT', '/fal-ai/flux/requests/r1/cancel', status(500, {}, { detail: 'internal error' }));
    const cancelled = await fal().cancelJob!(falRow());
    expect(cancelled.ok).toBe(false);
    expect(cancelled.said).toMatch(
      /the cancel request PUT 127\.0\.0\.1:\d+\/fal-ai\/flux\/requests\/r1\/cancel failed \(.*HTTP 500.*internal error/,
    );
    expect(cancelled.said).not.toContain('key-secret-987');
  });

  it('a job the cancel answer shows finished was not cancelled: it is billed, and a resume downloads it', async () => {
    fake.server.on('POST', '/v1/predictions/pred1/cancel', (_r, res) =>
      sendJson(res, 200, { id: 'pred1', status: 'succeeded', output: ['https://replicate.delivery/x.png'] }),
    );
    const cancelled = await replicate().cancelJob!(ledgerRow({ jobId: 'pred1' }));
    expect(cancelled).toEqual({ ok: false, said: expect.stringContaining('had already finished (status succeeded)') });
  });

  it('a missing key is said, and nothing is sent', async () => {
    const undo = withEnv({ TEST_JOB_KEY: undefined });
    try {
      expect(await replicate().cancelJob!(ledgerRow({ jobId: 'pred1' }))).toEqual({
        ok: false,
        said: expect.stringContaining('TEST_JOB_KEY (apiKeyEnv) is not set'),
      });
      expect(fake.server.requests).toEqual([]);
    } finally {
      undo();
    }
  });

  it('a protocol without a cancel request (MiniMax) has no cancelJob', () => {
    expect(gen({ preset: 'minimax-video', model: 'MiniMax-Hailuo-02' }).cancelJob).toBeUndefined();
  });

  it('a signed-token protocol (Kling, with a cancel step given in the config) sends a fresh valid JWT', async () => {
    fake.server.on('POST', '/v1/videos/text2video/k1/cancel', (req, res) => {
      const wrong = klingAuthError(req.headers);
      return wrong ? sendJson(res, 401, wrong) : sendJson(res, 200, { code: 0, message: 'SUCCEED', data: { task_id: 'k1' } });
    });
    const kling = gen({
      preset: 'kling-video',
      model: 'kling-v2-1',
      baseUrl: fake.server.url,
      protocol: { cancel: { url: `${fake.server.url}/v1/videos/text2video/{{id}}/cancel`, method: 'POST' } },
    });
    expect(await kling.cancelJob!(ledgerRow({ jobId: 'k1' }))).toMatchObject({ ok: true });
    expect(klingAuthError(fake.server.requests[0]!.headers)).toBeUndefined();
  });
});
