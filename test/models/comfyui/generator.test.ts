import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComfyUIGenerator } from '../../../models/comfyui/generator.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { ctx, expectFailure, expectMedia, fakePollClock, memoryLedger, request } from '../adapter-fixtures.js';
import { failFirst, htmlAsImage, sendBytes, sendJson, startFakeServer, status, tinyPng, type FakeServer } from '../fake-server.js';

const tempDir = useTempDir();
let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

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

/** What the fake server billed: prompts queued (and cancel requests) are POSTs to these paths. */
const posts = (path: string) => server.requests.filter((r) => r.method === 'POST' && r.path === path).length;

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

  it('gives up on a prompt that never finishes, without waiting: takes it off the queue and never queues it again', async () => {
    normalRoutes(Infinity);
    server.on('GET', '/queue', (_r, res) =>
      sendJson(res, 200, { queue_running: [[0, 'other', {}, {}, []]], queue_pending: [[1, 'p1', {}, {}, []]] }),
    );
    server.on('POST', '/queue', (_r, res) => sendJson(res, 200, {}));
    const clock = fakePollClock();
    const failed = expectFailure(await gen({}, clock).generate(request(), ctx()), 'cancelled', false);
    expect(failed.message).toMatch(/deleted from the queue at the server \(prompt p1\)$/);
    expect(clock.sleeps.length).toBe(10);
    expect(posts('/prompt')).toBe(1);
    expect(server.requests.find((r) => r.method === 'POST' && r.path === '/queue')?.body).toEqual({ delete: ['p1'] });
    expect(posts('/interrupt')).toBe(0);
  });

  it('interrupts a timed-out prompt only when it is the one running', async () => {
    normalRoutes(Infinity);
    server.on('GET', '/queue', (_r, res) => sendJson(res, 200, { queue_running: [[0, 'p1', {}, {}, []]], queue_pending: [] }));
    server.on('POST', '/interrupt', (_r, res) => sendJson(res, 200, {}));
    const failed = expectFailure(await gen().generate(request(), ctx()), 'cancelled', false);
    expect(failed.message).toContain('interrupted at the server');
    expect(server.requests.find((r) => r.path === '/interrupt')?.body).toEqual({ prompt_id: 'p1' });
    expect(posts('/queue')).toBe(0);
  });

  it('asks /history and /view again after a failure, with backoff, instead of queueing the prompt again', async () => {
    normalRoutes(1);
    server.on(
      'GET',
      '/history/p1',
      failFirst(2, status(500), (_r, res) => sendJson(res, 200, finished)),
    );
    server.on(
      'GET',
      '/view',
      failFirst(1, status(503), async (_r, res) => sendBytes(res, await tinyPng(), 'image/png')),
    );
    const clock = fakePollClock();
    expectMedia(await gen({}, clock).generate(request(), ctx()));
    expect(posts('/prompt')).toBe(1);
    expect(clock.sleeps).toEqual([1_000, 2_000, 1_000]);
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
    server.requests.splice(0);
    // maxPollErrors (5) re-polls back off 1, 2, 4, 8, 16 s: within the wait limit, then the error is final.
    expect(expectFailure(await gen({ maxWaitMs: 60_000 }).generate(request(), ctx()), 'server', false).message).toMatch(/\(prompt p1\)$/);
    expect(server.requests.filter((r) => r.path === '/history/p1')).toHaveLength(6);
    expect(posts('/prompt')).toBe(1);
    server.on('GET', '/history/p1', (_r, res) =>
      sendJson(res, 200, {
        p1: {
          outputs: {},
          status: { status_str: 'error', completed: false, messages: [['execution_error', { exception_message: 'CUDA OOM' }]] },
        },
      }),
    );
    expect(expectFailure(await gen().generate(request(), ctx()), 'server', false).message).toContain('CUDA OOM');
    // A safety node that stops the graph is a refusal, with its whole reason and without the traceback.
    const reason = `NSFW content detected by the safety checker; ${'the prompt asked for something the filter blocks. '.repeat(5)}`;
    server.on('GET', '/history/p1', (_r, res) =>
      sendJson(res, 200, {
        p1: {
          outputs: {},
          status: {
            status_str: 'error',
            completed: false,
            messages: [
              ['execution_start', { prompt_id: 'p1' }],
              [
                'execution_error',
                { node_type: 'SafetyChecker', exception_type: 'ValueError', exception_message: reason, traceback: ['x'.repeat(500)] },
              ],
            ],
          },
        },
      }),
    );
    const refused = expectFailure(await gen().generate(request(), ctx()), 'refused', false);
    expect(refused.message).toContain(`failed: SafetyChecker: ValueError: ${reason.trim()} (prompt p1)`);
    expect(refused.message).not.toContain('xxxxx');
    server.on('GET', '/history/p1', (_r, res) => sendJson(res, 200, finished));
    server.on('GET', '/view', status(404));
    expectFailure(await gen().generate(request(), ctx()), 'bad-request', false);
    server.on('GET', '/view', htmlAsImage);
    expectFailure(await gen().generate(request(), ctx()), 'invalid-output', false);
    // A truncated history is asked again like a failed one, then final.
    server.on('GET', '/history/p1', (_r, res) => void res.end('{"p1": {'));
    expectFailure(await gen({ maxWaitMs: 60_000 }).generate(request(), ctx()), 'invalid-output', false);
  });

  it('refuses a node name the workflow lacks, and hashes the workflow into its identity', () => {
    expect(() => gen({ nodes: { prompt: { node: 'Nope' } } })).toThrow(/node "Nope": no node has that id or title/);
    expect(gen().identity()).toMatchObject({ workflowSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('comfyui and the ledger', () => {
  /** A server that takes the client's prompt id, as ComfyUI's server.py does; `accepted` holds what it queued. */
  function honouringRoutes(accepted: string[], answer: 'json' | 'drop' = 'json') {
    server.on('POST', '/prompt', (r, res) => {
      const id = (r.body as { prompt_id: string }).prompt_id;
      accepted.push(id);
      if (answer === 'drop') res.destroy();
      else sendJson(res, 200, { prompt_id: id, number: accepted.length, node_errors: {} });
    });
    server.on('GET', '/queue', (_r, res) =>
      sendJson(res, 200, { queue_running: [], queue_pending: accepted.map((id, i) => [i, id, {}, {}, []]) }),
    );
    server.on('GET', /^\/history\//, (r, res) => {
      const id = decodeURIComponent(r.path.split('/')[2]!);
      sendJson(res, 200, accepted.includes(id) ? { [id]: finished.p1 } : {});
    });
    server.on('GET', '/view', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
  }

  it('chooses the prompt id, records it before queueing, and follows it to the result', async () => {
    const accepted: string[] = [];
    honouringRoutes(accepted);
    const { ledger, records } = memoryLedger();
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger }));
    const chosen = records[0]!.change.jobId!;
    expect(records.map((r) => r.phase)).toEqual(['sending', 'created', 'polling', 'result-ready']);
    expect(accepted).toEqual([chosen]);
    expect(records[1]!.change.jobId).toBe(chosen);
    expect(records[3]!.change.resultUrls![0]).toMatch(/\/view\?filename=loupe_0001\.png/);
  });

  it('finds a prompt whose answer was lost on the server by its id, instead of queueing it twice', async () => {
    const accepted: string[] = [];
    honouringRoutes(accepted, 'drop');
    const { ledger } = memoryLedger();
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger }));
    expect(posts('/prompt')).toBe(1);
  });

  it('picks up a prompt a killed process was queueing: not again when the server has it, once when it never arrived', async () => {
    const accepted = ['known-1'];
    honouringRoutes(accepted);
    const known = memoryLedger({ phase: 'sending', jobId: 'known-1' });
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger: known.ledger }));
    expect(known.state.resumed).toBe(true);
    expect(posts('/prompt')).toBe(0);

    const lost = memoryLedger({ phase: 'sending', jobId: 'lost-2' });
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger: lost.ledger }));
    expect(accepted).toEqual(['known-1', 'lost-2']);
  });

  it('polls a prompt a killed process had queued, without queueing it', async () => {
    const accepted = ['queued-3'];
    honouringRoutes(accepted);
    const { ledger, records } = memoryLedger({ phase: 'polling', jobId: 'queued-3' });
    expectMedia(await gen().generate(request(), { signal: new AbortController().signal, ledger }));
    expect(posts('/prompt')).toBe(0);
    expect(records.map((r) => r.phase)).toEqual(['created', 'polling', 'result-ready']);
  });
});
