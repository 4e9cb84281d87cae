import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import sharp from 'sharp';
import { sendBytes, sendJson, startFakeServer, type FakeServer } from '../../../models/fake-server.js';

/**
 * One local server that speaks two paid protocols and counts what each would bill: OpenAI's
 * synchronous image endpoint (billed when the request is taken in: the service makes the image
 * even when the client is gone) and Replicate's predictions (billed when a job completes, which
 * every job here does `jobMs` after its create, polled or not). Each prompt gets its own image.
 */
export interface BillingService {
  url: string;
  server: FakeServer;
  /** Billed generations per `protocol:prompt text`. */
  billed: Map<string, number>;
  /** Called when a synchronous request is taken in, before it is answered (a test kills its client there). */
  onSyncRequest?: (n: number) => void;
  close(): Promise<void>;
}

export interface Faults {
  /** How long a job runs before it completes. */
  jobMs?: number;
  /** Each result download (a job's output, an OpenAI URL) fails this many times with a 503 first. */
  downloadFailures?: number;
  /** OpenAI answers with a URL to download instead of base64. */
  urlAnswers?: boolean;
}

export async function startBillingService(faults: Faults = {}): Promise<BillingService> {
  const { jobMs = 30, downloadFailures = 0 } = faults;
  const server = await startFakeServer();
  const billed = new Map<string, number>();
  const bill = (key: string) => billed.set(key, (billed.get(key) ?? 0) + 1);
  const jobs = new Map<string, { prompt: string; doneAt: number }>();
  let syncRequests = 0;
  const service: BillingService = { url: server.url, server, billed, close: () => server.close() };

  server.on('POST', '/v1/images/generations', async (r, res) => {
    const prompt = (r.body as { prompt: string }).prompt;
    bill(`openai:${prompt}`);
    const n = ++syncRequests;
    service.onSyncRequest?.(n);
    if (faults.urlAnswers) {
      urls.set(`/files/${n}.png`, prompt);
      return sendJson(res, 200, { data: [{ url: `${server.url}/files/${n}.png` }] });
    }
    sendJson(res, 200, { data: [{ b64_json: (await imageFor(prompt)).toString('base64') }] });
  });
  const downloads = new Map<string, number>();
  /** A download that fails `downloadFailures` times before it works. */
  const flaky = (path: string) => {
    const n = (downloads.get(path) ?? 0) + 1;
    downloads.set(path, n);
    return n <= downloadFailures;
  };
  const urls = new Map<string, string>();
  server.on('GET', /^\/files\/\d+\.png$/, async (r, res) =>
    flaky(r.path) ? sendJson(res, 503, { error: 'busy' }) : sendBytes(res, await imageFor(urls.get(r.path)!), 'image/png'),
  );
  server.on('POST', '/v1/models/acme/flux/predictions', (r, res) => {
    const prompt = (r.body as { input: { prompt: string } }).input.prompt;
    const id = `pred${jobs.size + 1}`;
    jobs.set(id, { prompt, doneAt: Date.now() + jobMs });
    // Every job runs to completion at the service: it is billed once made.
    bill(`replicate:${prompt}`);
    sendJson(res, 201, { id, status: 'starting' });
  });
  server.on('GET', /^\/v1\/predictions\/pred\d+$/, (r, res) => {
    const id = r.path.split('/').at(-1)!;
    const job = jobs.get(id);
    if (!job) return sendJson(res, 404, { detail: 'Not found' });
    const done = Date.now() >= job.doneAt;
    sendJson(res, 200, { id, status: done ? 'succeeded' : 'processing', output: done ? [`${server.url}/delivery/${id}.png`] : null });
  });
  server.on('GET', /^\/delivery\/pred\d+\.png$/, async (r, res: ServerResponse) => {
    const id = r.path.split('/').at(-1)!.replace('.png', '');
    if (flaky(r.path)) return sendJson(res, 503, { detail: 'busy' });
    sendBytes(res, await imageFor(`job:${jobs.get(id)!.prompt}`), 'image/png');
  });
  return service;
}

/** A small PNG whose colour comes from the text, so that media hashes tell prompts apart. */
async function imageFor(text: string): Promise<Buffer> {
  const [r, g, b] = createHash('sha256').update(text).digest();
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: r!, g: g!, b: b! } } })
    .png()
    .toBuffer();
}
