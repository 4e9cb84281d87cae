import { EventEmitter } from 'node:events';
import { buildGenerators, loadConfigFile, openConfigStore, openWorkspace } from '../../../core/cli/compose.js';
import { generateOptions } from '../../../core/cli/generate-options.js';
import { generateAll, prepareRun } from '../../../core/run/index.js';
import type { LedgerEntry, Store } from '../../../core/types/index.js';
import { beforeEach } from 'vitest';
import { useFakeServer } from '../../models/adapter-fixtures.js';
import { hang, sendJson, type FakeServer, type Recorded } from '../../models/fake-server.js';

/**
 * For the `loupe jobs` tests: one local server that speaks Replicate, fal, MiniMax, ComfyUI and
 * OpenAI images, whose jobs never finish, and a run stopped while they run.
 */

export const KEY = 'jobs-test-key-4242';

/** The generators a test picks, by id; all share one server and the key in JOBS_TEST_KEY. */
export const GENERATORS = {
  rep: (url: string) =>
    `{ id: rep, type: async-job, preset: replicate, model: acme/flux, baseUrl: "${url}/v1", apiKeyEnv: JOBS_TEST_KEY, pollIntervalMs: 20, pricePerRequestUsd: 0.04 }`,
  fal: (url: string) =>
    `{ id: fal, type: async-job, preset: fal, model: fal-ai/flux/dev, baseUrl: "${url}", apiKeyEnv: JOBS_TEST_KEY, pollIntervalMs: 20 }`,
  mm: (url: string) =>
    `{ id: mm, type: async-job, preset: minimax-video, model: MiniMax-Hailuo-02, baseUrl: "${url}/v1", apiKeyEnv: JOBS_TEST_KEY, pollIntervalMs: 20 }`,
  comfy: (url: string) =>
    `{ id: comfy, type: comfyui, baseUrl: "${url}", workflow: wf.json, nodes: { prompt: { node: "6" } }, pollIntervalMs: 20 }`,
  oa: (url: string) => `{ id: oa, type: openai-images, model: m1, baseUrl: "${url}/oa/v1", apiKeyEnv: JOBS_TEST_KEY }`,
  oaUrl: (url: string) => `{ id: oa-url, type: openai-images, model: m1, baseUrl: "${url}/oa-url/v1", apiKeyEnv: JOBS_TEST_KEY }`,
};
export type GeneratorName = keyof typeof GENERATORS;

/** A config over one counting prompt (image generators) and one motion prompt (video), in the given languages. */
export function jobsConfig(url: string, names: GeneratorName[], languages = '[en]'): string {
  return [
    'run: { id: jobs-run }',
    'prompts:',
    '  - { set: counting, sample: 1 }',
    '  - { set: video-motion, sample: 1 }',
    `languages: ${languages}`,
    'generators:',
    ...names.map((n) => `  - ${GENERATORS[n](url)}`),
    'scheduler: { concurrency: 4, baseDelayMs: 1, maxDelayMs: 5 }',
  ].join('\n');
}

export const WORKFLOW = JSON.stringify({ '6': { class_type: 'CLIPTextEncode', inputs: { text: '' } } });

export interface Services {
  /** Jobs polled at least once, and synchronous requests on the wire (`oa`), by id. */
  polled: Set<string>;
  /** Resolves once `n` jobs have been polled (or requests are on the wire). */
  polledAtLeast(n: number): Promise<void>;
}

/** Routes of every service; jobs stay running (polls say so) until cancelled. */
export function serviceRoutes(server: FakeServer): Services {
  let n = 0;
  const url = server.url;
  const polled = new Set<string>();
  const events = new EventEmitter();
  const seen = (id: string) => {
    polled.add(id);
    events.emit('polled');
  };
  server.on('POST', '/v1/models/acme/flux/predictions', (_r, res) => sendJson(res, 201, { id: `pred${++n}`, status: 'starting' }));
  server.on('GET', /^\/v1\/predictions\/[^/]+$/, (r, res) => {
    seen(r.path.split('/')[3]!);
    sendJson(res, 200, { id: r.path.split('/')[3], status: 'processing' });
  });
  server.on('POST', /^\/v1\/predictions\/[^/]+\/cancel$/, (r, res) => sendJson(res, 200, { id: r.path.split('/')[3], status: 'canceled' }));

  server.on('POST', '/fal-ai/flux/dev', (_r, res) => {
    const base = `${url}/fal-ai/flux/requests/r${++n}`;
    sendJson(res, 200, { request_id: `r${n}`, status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` });
  });
  server.on('GET', /^\/fal-ai\/flux\/requests\/[^/]+\/status$/, (r, res) => {
    seen(r.path.split('/')[4]!);
    sendJson(res, 200, { status: 'IN_PROGRESS' });
  });
  server.on('PUT', /^\/fal-ai\/flux\/requests\/[^/]+\/cancel$/, (_r, res) => sendJson(res, 202, { status: 'CANCELLATION_REQUESTED' }));

  const ok = { status_code: 0, status_msg: 'success' };
  server.on('POST', '/v1/video_generation', (_r, res) => sendJson(res, 200, { task_id: `m${++n}`, base_resp: ok }));
  server.on('GET', '/v1/query/video_generation', (r, res) => {
    seen(new URL(r.path, url).searchParams.get('task_id')!);
    sendJson(res, 200, { status: 'Processing', base_resp: ok });
  });

  // ComfyUI runs the first prompt it was given and keeps the others pending.
  const queued = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/prompt').map(promptIdOf);
  server.on('POST', '/prompt', (r, res) => sendJson(res, 200, { prompt_id: promptIdOf(r), number: 1, node_errors: {} }));
  server.on('GET', /^\/history\//, (r, res) => {
    seen(r.path.split('/')[2]!);
    sendJson(res, 200, {});
  });
  server.on('GET', '/queue', (_r, res) =>
    sendJson(res, 200, {
      queue_running: queued()
        .slice(0, 1)
        .map((id) => [0, id, {}, {}, []]),
      queue_pending: queued()
        .slice(1)
        .map((id, i) => [i + 1, id, {}, {}, []]),
    }),
  );
  server.on('POST', '/queue', (_r, res) => sendJson(res, 200, {}));
  server.on('POST', '/interrupt', (_r, res) => sendJson(res, 200, {}));

  server.on('POST', '/oa/v1/images/generations', (r, res) => {
    seen(`oa-${JSON.stringify(r.body)}`);
    hang(r, res);
  });
  // An image answered as a URL, whose download never ends.
  server.on('POST', '/oa-url/v1/images/generations', (_r, res) => sendJson(res, 200, { data: [{ url: `${url}/oa-url/files/img.png` }] }));
  server.on('GET', '/oa-url/files/img.png', (r, res) => {
    seen('oa-url-download');
    hang(r, res);
  });
  return {
    polled,
    polledAtLeast: (count) =>
      new Promise((resolve) => {
        const check = () => polled.size >= count && (events.off('polled', check), resolve());
        events.on('polled', check);
        check();
      }),
  };
}

const promptIdOf = (r: Recorded) => (r.body as { prompt_id: string }).prompt_id;

/** Requests that make (and bill) a job, per service. */
export const CREATES = [
  '/v1/models/acme/flux/predictions',
  '/fal-ai/flux/dev',
  '/v1/video_generation',
  '/prompt',
  '/oa/v1/images/generations',
];
export const creates = (server: FakeServer) => server.requests.filter((r) => r.method === 'POST' && CREATES.includes(r.path)).length;

/**
 * Runs the config's generation loop in this process until `jobs` jobs have been polled (or
 * synchronous requests are on the wire), then stops it as a second Ctrl-C does: the requests in
 * flight are abandoned, their generations go back to pending and their rows stay in the ledger.
 */
export async function stopRunMidway(configFile: string, services: Services, jobs: number): Promise<void> {
  const loaded = loadConfigFile(configFile);
  const ws = await openWorkspace(loaded);
  try {
    const prepared = await prepareRun(loaded, ws.store, buildGenerators(loaded));
    const stop = new AbortController();
    const abort = new AbortController();
    const running = generateAll(generateOptions(loaded, ws, prepared, { stop: stop.signal, abort: abort.signal }));
    await services.polledAtLeast(jobs);
    stop.abort();
    abort.abort();
    await running;
  } finally {
    await ws.close();
  }
}

/** The run's ledger and generations as the store holds them now. */
export async function readRun(
  configFile: string,
): Promise<{ ledger: LedgerEntry[]; generations: Awaited<ReturnType<Store['listGenerations']>> }> {
  const store = await openConfigStore(loadConfigFile(configFile));
  try {
    return { ledger: await store.listLedger({ runId: 'jobs-run' }), generations: await store.listGenerations({ runId: 'jobs-run' }) };
  } finally {
    await store.close();
  }
}

/** For a test file: the API key in the environment, and a fresh fake server speaking every service's protocol for each test. */
export function useServices(): { readonly server: FakeServer; readonly services: Services } {
  const fake = useFakeServer({ JOBS_TEST_KEY: KEY });
  let services: Services | undefined;
  beforeEach(() => {
    services = serviceRoutes(fake.server);
  });
  return {
    get server() {
      return fake.server;
    },
    get services() {
      return services!;
    },
  };
}
