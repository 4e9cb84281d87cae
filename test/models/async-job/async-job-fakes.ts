import { type FakeServer, fakeMp4, sendBytes, sendJson, tinyPng } from '../fake-server.js';

/** Routes that speak each preset's protocol; `pollsBeforeDone` status answers say "still running" first. */

export function replicateRoutes(server: FakeServer, pollsBeforeDone = 1): void {
  let polls = 0;
  server.on('POST', '/v1/models/acme/flux/predictions', (_r, res) =>
    sendJson(res, 201, { id: 'pred1', status: 'starting', urls: { get: `${server.url}/v1/predictions/pred1` } }),
  );
  server.on('GET', '/v1/predictions/pred1', (_r, res) =>
    sendJson(
      res,
      200,
      polls++ < pollsBeforeDone
        ? { id: 'pred1', status: 'processing' }
        : { id: 'pred1', status: 'succeeded', output: [`${server.url}/delivery/out.png`] },
    ),
  );
  server.on('GET', '/delivery/out.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
}

export function falRoutes(server: FakeServer, pollsBeforeDone = 1): void {
  let polls = 0;
  const base = `${server.url}/fal-ai/flux/requests/r1`;
  server.on('POST', '/fal-ai/flux/dev', (_r, res) =>
    sendJson(res, 200, { request_id: 'r1', status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` }),
  );
  server.on('GET', '/fal-ai/flux/requests/r1/status', (_r, res) =>
    sendJson(res, 200, { status: polls++ < pollsBeforeDone ? 'IN_QUEUE' : 'COMPLETED', queue_position: 0, response_url: base }),
  );
  server.on('GET', '/fal-ai/flux/requests/r1', (_r, res) =>
    sendJson(res, 200, { images: [{ url: `${server.url}/files/r1.png`, width: 8, height: 8 }] }),
  );
  server.on('GET', '/files/r1.png', async (_r, res) => sendBytes(res, await tinyPng(), 'image/png'));
}

export function dashscopeRoutes(server: FakeServer, pollsBeforeDone = 1): void {
  let polls = 0;
  server.on('POST', '/api/v1/services/aigc/video-generation/video-synthesis', (_r, res) =>
    sendJson(res, 200, { output: { task_status: 'PENDING', task_id: 't1' }, request_id: 'rq1' }),
  );
  server.on('GET', '/api/v1/tasks/t1', (_r, res) =>
    sendJson(
      res,
      200,
      polls++ < pollsBeforeDone
        ? { output: { task_id: 't1', task_status: 'RUNNING' } }
        : { output: { task_id: 't1', task_status: 'SUCCEEDED', video_url: `${server.url}/oss/t1.mp4` }, usage: { video_count: 1 } },
    ),
  );
  server.on('GET', '/oss/t1.mp4', (_r, res) => sendBytes(res, fakeMp4(), 'video/mp4'));
}

export function minimaxRoutes(server: FakeServer, pollsBeforeDone = 1): void {
  let polls = 0;
  const ok = { status_code: 0, status_msg: 'success' };
  server.on('POST', '/v1/video_generation', (_r, res) => sendJson(res, 200, { task_id: 'm1', base_resp: ok }));
  server.on('GET', '/v1/query/video_generation', (_r, res) =>
    sendJson(
      res,
      200,
      polls++ < pollsBeforeDone
        ? { task_id: 'm1', status: 'Processing', base_resp: ok }
        : { task_id: 'm1', status: 'Success', file_id: '998', base_resp: ok },
    ),
  );
  server.on('GET', '/v1/files/retrieve', (r, res) =>
    sendJson(
      res,
      200,
      r.path.includes('file_id=998')
        ? { file: { file_id: 998, filename: 'output.mp4', download_url: `${server.url}/dl/m1.mp4` }, base_resp: ok }
        : { base_resp: { status_code: 2013, status_msg: 'invalid file_id' } },
    ),
  );
  server.on('GET', '/dl/m1.mp4', (_r, res) => sendBytes(res, fakeMp4(), 'video/mp4'));
}
