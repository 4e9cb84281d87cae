import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createComfyUIGenerator } from '../../models/comfyui.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { ctx, expectFailure, expectMedia, fakePollClock, request } from './adapter-fixtures.js';
import { htmlAsImage, sendBytes, sendJson, startFakeServer, status, tinyPng, type FakeServer } from './fake-server.js';

const tempDir = useTempDir();
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
afterEach(() => server.requests.splice(0));

const WORKFLOW = {
  '3': { class_type: 'KSampler', inputs: { seed: 0, steps: 20 }, _meta: { title: 'Sampler' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: '' }, _meta: { title: 'Positive Prompt' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: '' }, _meta: { title: 'Negative Prompt' } },
  '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'loupe' } },
};
const finished = {
  p1: {
    outputs: { '9': { images: [{ filename: 'loupe_0001.png', subfolder: '', type: 'output' }] } },
    status: { status_str: 'success', completed: true },
  },
};

function gen(over = {}, clock = fakePollClock()) {
  const t = tempDir();
  t.write('wf.json', JSON.stringify(WORKFLOW));
  return createComfyUIGenerator(
    {
      id: 'comfy',
      type: 'comfyui',
      baseUrl: server.url,
      workflow: 'wf.json',
      negativePrompt: 'ugly',
      pollIntervalMs: 500,
      maxWaitMs: 5_000,
      nodes: { prompt: { node: 'Positive Prompt' }, negative: { node: '7' }, seed: { node: 'Sampler' } },
      ...over,
    },
    { clock, resolvePath: (p) => `${t.dir}/${p}` },
  );
}

function normalRoutes(historyAfter = 2) {
  let polls = 0;
  server.on('POST', '/prompt', (_r, res) => sendJson(res, 200, { prompt_id: 'p1', number: 1, node_errors: {} }));
  server.on('GET', '/history/p1', (_r, res) => sendJson(res, 200, ++polls >= historyAfter ? finished : {}));
  server.on('GET', '/view', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
}

describe('comfyui', () => {
  it('places prompt, negative prompt and seed into named nodes, follows /history and fetches /view', async () => {
    normalRoutes();
    const clock = fakePollClock();
    const result = expectMedia(await gen({}, clock).generate(request({ seed: 123 }), ctx()));
    expect(result.providerIds).toEqual({ promptId: 'p1' });
    const graph = (server.requests[0]!.body as { prompt: typeof WORKFLOW }).prompt;
    expect(graph['6'].inputs.text).toBe('a red apple');
    expect(graph['7'].inputs.text).toBe('ugly');
    expect(graph['3'].inputs).toEqual({ seed: 123, steps: 20 });
    expect(clock.sleeps).toEqual([500]);
    expect(server.requests.at(-1)!.path).toBe('/view?filename=loupe_0001.png&subfolder=&type=output');
  });

  it('gives up on a prompt that never finishes, without waiting', async () => {
    normalRoutes(Infinity);
    const clock = fakePollClock();
    expectFailure(await gen({}, clock).generate(request(), ctx()), 'timeout', true);
    expect(clock.sleeps.length).toBe(10);
  });

  it('categorises faults: a node error on queue, an execution error, 429, 500, a /view 404 or HTML', async () => {
    normalRoutes(1);
    server.on(
      'POST',
      '/prompt',
      status(
        400,
        {},
        { error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation' }, node_errors: {} },
      ),
    );
    expectFailure(await gen().generate(request(), ctx()), 'bad-request', false);
    server.on('POST', '/prompt', status(429));
    expectFailure(await gen().generate(request(), ctx()), 'rate-limit', true);
    server.on('POST', '/prompt', (_r, res) => sendJson(res, 200, { prompt_id: 'p1' }));
    server.on('GET', '/history/p1', status(500));
    expectFailure(await gen().generate(request(), ctx()), 'server', true);
    server.on('GET', '/history/p1', (_r, res) =>
      sendJson(res, 200, {
        p1: {
          outputs: {},
          status: { status_str: 'error', completed: false, messages: [['execution_error', { exception_message: 'CUDA OOM' }]] },
        },
      }),
    );
    expect(expectFailure(await gen().generate(request(), ctx()), 'server', false).message).toContain('CUDA OOM');
    server.on('GET', '/history/p1', (_r, res) => sendJson(res, 200, finished));
    server.on('GET', '/view', status(404));
    expectFailure(await gen().generate(request(), ctx()), 'bad-request', false);
    server.on('GET', '/view', htmlAsImage);
    expectFailure(await gen().generate(request(), ctx()), 'invalid-output', false);
    server.on('GET', '/history/p1', (_r, res) => void res.end('{"p1": {'));
    expectFailure(await gen().generate(request(), ctx()), 'invalid-output', false);
  });

  it('refuses a node name the workflow lacks, and hashes the workflow into its identity', () => {
    expect(() => gen({ nodes: { prompt: { node: 'Nope' } } })).toThrow(/node "Nope": no node has that id or title/);
    expect(gen().identity()).toMatchObject({ workflowSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
