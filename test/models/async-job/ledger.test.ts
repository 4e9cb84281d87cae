import { describe, expect, it } from 'vitest';
import { createAsyncJobGenerator } from '../../../models/async-job/generator.js';
import { expectFailure, expectMedia, fakePollClock, memoryLedger, request, useFakeServer } from '../adapter-fixtures.js';
import { falRoutes, replicateRoutes } from './async-job-fakes.js';
import { hang, sendBytes, status, tinyPng } from '../fake-server.js';

const fake = useFakeServer({ TEST_JOB_KEY: 'key-secret-987' });

type Input = Parameters<typeof createAsyncJobGenerator>[0];
const gen = (over: Partial<Input> = {}) =>
  createAsyncJobGenerator(
    {
      id: 'job',
      type: 'async-job',
      apiKeyEnv: 'TEST_JOB_KEY',
      pollIntervalMs: 1000,
      maxWaitMs: 10_000,
      preset: 'replicate',
      model: 'acme/flux',
      baseUrl: `${fake.server.url}/v1`,
      ...over,
    } as Input,
    { clock: fakePollClock() },
  );
const signal = () => new AbortController().signal;
const creates = () => fake.server.requests.filter((r) => r.method === 'POST');

describe('async-job and the ledger', () => {
  it('records the create before its answer, then the job id with the create answer, the polling and the result URL', async () => {
    replicateRoutes(fake.server, 1);
    const { ledger, records } = memoryLedger();
    expectMedia(await gen().generate(request(), { signal: signal(), ledger }));
    expect(records.map((r) => r.phase)).toEqual(['sending', 'created', 'polling', 'result-ready']);
    expect(records[1]!.change).toMatchObject({ jobId: 'pred1', detail: { create: { id: 'pred1', status: 'starting' } } });
    expect(records[3]!.change.resultUrls).toEqual([`${fake.server.url}/delivery/out.png`]);
    // Replicate keeps outputs an hour.
    expect(Date.parse(records[3]!.change.resultExpiresAt!) - Date.now()).toBeGreaterThan(59 * 60_000);
  });

  it('polls a job a killed process left, with the templates of its stored create answer, and never creates it again', async () => {
    falRoutes(fake.server, 2);
    const create = {
      request_id: 'r1',
      status_url: `${fake.server.url}/fal-ai/flux/requests/r1/status`,
      response_url: `${fake.server.url}/fal-ai/flux/requests/r1`,
    };
    const { ledger, records, state } = memoryLedger({ phase: 'polling', jobId: 'r1', detail: { create } });
    const fal = gen({ preset: 'fal', model: 'fal-ai/flux/dev', baseUrl: fake.server.url });
    expectMedia(await fal.generate(request(), { signal: signal(), ledger }));
    expect(state.resumed).toBe(true);
    expect(creates()).toEqual([]);
    expect(records.map((r) => r.phase)).toEqual(['polling', 'result-ready']);
  });

  it('downloads a result a killed process left while its URL is valid, and polls again for a fresh one past its expiry', async () => {
    replicateRoutes(fake.server, 0);
    const url = `${fake.server.url}/delivery/out.png`;
    const valid = memoryLedger({
      phase: 'result-ready',
      jobId: 'pred1',
      resultUrls: [url],
      resultExpiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expectMedia(await gen().generate(request(), { signal: signal(), ledger: valid.ledger }));
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/delivery/out.png']);

    fake.server.requests.splice(0);
    const expired = memoryLedger({ phase: 'result-ready', jobId: 'pred1', resultUrls: [url], resultExpiresAt: new Date(0).toISOString() });
    expectMedia(await gen().generate(request(), { signal: signal(), ledger: expired.ledger }));
    expect(fake.server.requests.map((r) => r.path)).toEqual(['/v1/predictions/pred1', '/delivery/out.png']);
  });

  it('asks again for a download that fails, without a new job (scenario 2)', async () => {
    replicateRoutes(fake.server, 0);
    let downloads = 0;
    fake.server.on('GET', '/delivery/out.png', async (req, res) =>
      ++downloads <= 2 ? status(503)(req, res) : sendBytes(res, await tinyPng(), 'image/png'),
    );
    const { ledger, records } = memoryLedger();
    expectMedia(await gen().generate(request(), { signal: signal(), ledger }));
    expect(downloads).toBe(3);
    expect(creates()).toHaveLength(1);
    expect(records.at(-1)!.phase).toBe('result-ready');
  });

  it('leaves a job the run stopped waiting on (Ctrl-C) in the ledger as polling, for the next resume', async () => {
    replicateRoutes(fake.server, Infinity);
    fake.server.on('GET', '/v1/predictions/pred1', hang);
    const stop = new AbortController();
    const { ledger, records } = memoryLedger();
    const pending = gen().generate(request(), { signal: stop.signal, ledger });
    await fake.server.arrived('/v1/predictions/pred1');
    stop.abort();
    expectFailure(await pending, 'cancelled');
    expect(records.map((r) => r.phase)).toEqual(['sending', 'created', 'polling']);
  });
});
