import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createComfyUIGenerator } from '../../../models/comfyui/generator.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { ledgerRow, withEnv } from '../adapter-fixtures.js';
import { sendJson, startFakeServer, status, type FakeServer, type Handler } from '../fake-server.js';

/** `cancelJob` of ComfyUI: a prompt a stopped run left, taken off the queue or interrupted (`loupe jobs cancel`). */

const tempDir = useTempDir();
let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(() => server.close());

function gen(over = {}) {
  const t = tempDir();
  t.write('wf.json', JSON.stringify({ '6': { class_type: 'CLIPTextEncode', inputs: { text: '' } } }));
  return createComfyUIGenerator(
    { id: 'comfy', type: 'comfyui', baseUrl: server.url, workflow: 'wf.json', nodes: { prompt: { node: '6' } }, ...over },
    { resolvePath: (p) => `${t.dir}/${p}` },
  );
}
/** GET /queue as ComfyUI answers it: entries `[number, prompt_id, prompt, extra, outputs]`. */
const queue =
  (running: string[], pending: string[]): Handler =>
  (_r, res) =>
    sendJson(res, 200, {
      queue_running: running.map((id, i) => [i, id, {}, {}, []]),
      queue_pending: pending.map((id, i) => [i + 1, id, {}, {}, []]),
    });
const posts = () => server.requests.filter((r) => r.method === 'POST').map((r) => `${r.path} ${JSON.stringify(r.body)}`);

describe('comfyui cancelJob', () => {
  it('deletes a pending prompt from the queue, with the key as a bearer token', async () => {
    const undo = withEnv({ COMFY_KEY: 'comfy-secret' });
    try {
      server.on('GET', '/queue', queue(['other'], ['p1']));
      server.on('POST', '/queue', (_r, res) => sendJson(res, 200, {}));
      const cancelled = await gen({ apiKeyEnv: 'COMFY_KEY' }).cancelJob!(ledgerRow({ jobId: 'p1' }));
      expect(cancelled).toEqual({ ok: true, said: 'deleted from the queue at the server' });
      expect(posts()).toEqual(['/queue {"delete":["p1"]}']);
      expect(server.requests.every((r) => r.headers.authorization === 'Bearer comfy-secret')).toBe(true);
    } finally {
      undo();
    }
  });

  it('interrupts the prompt when it is the one running', async () => {
    server.on('GET', '/queue', queue(['p1'], ['other']));
    server.on('POST', '/interrupt', (_r, res) => sendJson(res, 200, {}));
    expect(await gen().cancelJob!(ledgerRow({ jobId: 'p1' }))).toEqual({ ok: true, said: 'interrupted at the server' });
    expect(posts()).toEqual(['/interrupt {"prompt_id":"p1"}']);
  });

  it('says a prompt no longer queued was not cancelled, and a failed delete names its host and path', async () => {
    server.on('GET', '/queue', queue([], []));
    const gone = await gen().cancelJob!(ledgerRow({ jobId: 'p1' }));
    expect(gone).toEqual({ ok: false, said: expect.stringMatching(/^it was no longer queued at 127\.0\.0\.1:\d+\/queue/) });

    server.on('GET', '/queue', queue([], ['p1']));
    server.on('POST', '/queue', status(500));
    const failed = await gen().cancelJob!(ledgerRow({ jobId: 'p1' }));
    expect(failed.ok).toBe(false);
    expect(failed.said).toMatch(/the cancel request POST 127\.0\.0\.1:\d+\/queue failed \(.*HTTP 500/);
  });
});
