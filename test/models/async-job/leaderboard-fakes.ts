import { createHmac, timingSafeEqual } from 'node:crypto';
import { type FakeServer, type Handler, type Recorded, fakeMp4, sendBytes, sendJson, tinyPng } from '../fake-server.js';

/**
 * Local servers for the leaderboard presets, each answering as its published reference says, key
 * checks included. `states` are the status answers a job gives, one per poll (the last repeats).
 */

export const KEYS = { api: 'lb-api-key-7788', klingAccess: 'ak-kling-0001', klingSecret: 'sk-kling-secret-0002' };

type Headers = Recorded['headers'];
const bearerOf = (h: Headers) => h.authorization?.replace(/^Bearer /, '');

/** Answers `wrong` unless the request carries the key as `read` finds it. */
export const keyed =
  (read: (h: Headers) => unknown, wrong: Handler, next: Handler): Handler =>
  (req, res) =>
    read(req.headers) === KEYS.api ? next(req, res) : wrong(req, res);

function sequence(states: unknown[]): () => unknown {
  let i = 0;
  return () => states[Math.min(i++, states.length - 1)];
}

const png: Handler = async (_r, res) => sendBytes(res, await tinyPng(), 'image/png');
const mp4: Handler = (_r, res) => sendBytes(res, fakeMp4(), 'video/mp4');

/**
 * Kling's API token check, written apart from models/http/jwt.ts: an HS256 JWT signed with the
 * secret key, iss the access key, inside [nbf, exp]; otherwise 401 with the reference's codes.
 */
export function klingAuthError(h: Headers, nowS = Math.floor(Date.now() / 1000)): { code: number; message: string } | undefined {
  const token = bearerOf(h);
  if (!token) return { code: 1001, message: 'Authorization is empty' };
  const [head, payload, signature, extra] = token.split('.');
  if (!head || !payload || !signature || extra !== undefined) return { code: 1002, message: 'Authorization is invalid' };
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; typ?: string };
  const expected = createHmac('sha256', KEYS.klingSecret).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (header.alg !== 'HS256' || header.typ !== 'JWT' || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { code: 1002, message: 'Authorization is invalid' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; exp?: number; nbf?: number };
  if (claims.iss !== KEYS.klingAccess) return { code: 1000, message: 'Authentication failed' };
  if (typeof claims.nbf !== 'number' || claims.nbf > nowS) return { code: 1003, message: 'Authorization is not yet valid' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowS) return { code: 1004, message: 'Authorization has expired' };
  return undefined;
}

export function klingRoutes(server: FakeServer, kind: 'image' | 'video', states: unknown[]): void {
  const path = kind === 'image' ? '/v1/images/generations' : '/v1/videos/text2video';
  const auth =
    (next: Handler): Handler =>
    (req, res) => {
      const wrong = klingAuthError(req.headers);
      return wrong ? sendJson(res, 401, { ...wrong, request_id: 'rq-auth' }) : next(req, res);
    };
  const poll = sequence(states);
  server.on(
    'POST',
    path,
    auth((_r, res) =>
      sendJson(res, 200, {
        code: 0,
        message: 'SUCCEED',
        request_id: 'rq1',
        data: { task_id: 'k1', task_status: 'submitted', created_at: 1, updated_at: 1 },
      }),
    ),
  );
  server.on(
    'GET',
    `${path}/k1`,
    auth((_r, res) =>
      sendJson(res, 200, { code: 0, message: 'SUCCEED', request_id: 'rq2', data: { task_id: 'k1', ...(poll() as object) } }),
    ),
  );
  server.on('GET', '/kcdn/k1.png', png);
  server.on('GET', '/kcdn/k1.mp4', mp4);
}

export const klingDone = (server: FakeServer, kind: 'image' | 'video') => ({
  task_status: 'succeed',
  task_status_msg: '',
  task_result:
    kind === 'image'
      ? { images: [{ index: 0, url: `${server.url}/kcdn/k1.png` }] }
      : { videos: [{ id: 'v1', url: `${server.url}/kcdn/k1.mp4`, duration: '5.1' }] },
});

export function arkRoutes(server: FakeServer, states: unknown[]): void {
  const poll = sequence(states);
  const guard = (next: Handler): Handler =>
    keyed(
      bearerOf,
      (_r, res) => sendJson(res, 401, { error: { code: 'AuthenticationError', message: 'the API key is missing or invalid' } }),
      next,
    );
  server.on(
    'POST',
    '/api/v3/contents/generations/tasks',
    guard((_r, res) => sendJson(res, 200, { id: 'cgt-1' })),
  );
  server.on(
    'GET',
    '/api/v3/contents/generations/tasks/cgt-1',
    guard((_r, res) => sendJson(res, 200, { id: 'cgt-1', model: 'seedance', ...(poll() as object) })),
  );
  server.on(
    'DELETE',
    '/api/v3/contents/generations/tasks/cgt-1',
    guard((_r, res) => sendJson(res, 200, {})),
  );
  server.on('GET', '/tos/cgt-1.mp4', mp4);
}

export function zhipuRoutes(server: FakeServer, states: unknown[]): void {
  const poll = sequence(states);
  const guard = (next: Handler): Handler =>
    keyed(bearerOf, (_r, res) => sendJson(res, 401, { error: { code: '1000', message: '身份验证失败。' } }), next);
  server.on(
    'POST',
    '/api/paas/v4/videos/generations',
    guard((_r, res) => sendJson(res, 200, { model: 'cogvideox-3', id: 'z1', request_id: 'rq', task_status: 'PROCESSING' })),
  );
  server.on(
    'GET',
    '/api/paas/v4/async-result/z1',
    guard((_r, res) => sendJson(res, 200, { model: 'cogvideox-3', request_id: 'rq', ...(poll() as object) })),
  );
  server.on('GET', '/sfile/z1.mp4', mp4);
}

export function runwayRoutes(server: FakeServer, kind: 'image' | 'video', states: unknown[]): void {
  const poll = sequence(states);
  const guard = (next: Handler): Handler =>
    keyed(
      bearerOf,
      (_r, res) => sendJson(res, 401, { error: 'Invalid API key' }),
      (req, res) =>
        req.headers['x-runway-version'] === '2024-11-06' ? next(req, res) : sendJson(res, 400, { error: 'Missing X-Runway-Version' }),
    );
  server.on(
    'POST',
    kind === 'image' ? '/v1/text_to_image' : '/v1/text_to_video',
    guard((_r, res) => sendJson(res, 200, { id: 'rw-1' })),
  );
  server.on(
    'GET',
    '/v1/tasks/rw-1',
    guard((_r, res) => sendJson(res, 200, { id: 'rw-1', createdAt: '2025-01-01T00:00:00Z', ...(poll() as object) })),
  );
  server.on(
    'DELETE',
    '/v1/tasks/rw-1',
    guard((_r, res) => void res.writeHead(204).end()),
  );
  server.on('GET', '/dnznrvs05pmza/rw-1.png', png);
  server.on('GET', '/dnznrvs05pmza/rw-1.mp4', mp4);
}

export function lumaRoutes(server: FakeServer, kind: 'image' | 'video', states: unknown[]): void {
  const poll = sequence(states);
  const guard = (next: Handler): Handler => keyed(bearerOf, (_r, res) => sendJson(res, 401, { detail: 'Invalid API key' }), next);
  const generation = (extra: object) => ({ id: 'lu-1', generation_type: kind, model: 'm', created_at: '2025-01-01T00:00:00Z', ...extra });
  server.on(
    'POST',
    kind === 'image' ? '/dream-machine/v1/generations/image' : '/dream-machine/v1/generations',
    guard((_r, res) => sendJson(res, 201, generation({ state: 'queued' }))),
  );
  server.on(
    'GET',
    '/dream-machine/v1/generations/lu-1',
    guard((_r, res) => sendJson(res, 200, generation(poll() as object))),
  );
  server.on(
    'DELETE',
    '/dream-machine/v1/generations/lu-1',
    guard((_r, res) => void res.writeHead(204).end()),
  );
  server.on('GET', '/storage/lu-1.png', png);
  server.on('GET', '/storage/lu-1.mp4', mp4);
}

export const VEO_OP = 'models/veo-3.0-generate-001/operations/op1';

export function veoRoutes(server: FakeServer, states: unknown[]): void {
  const poll = sequence(states);
  const guard = (next: Handler): Handler =>
    keyed(
      (h) => h['x-goog-api-key'],
      (_r, res) =>
        sendJson(res, 403, { error: { code: 403, message: "Method doesn't allow unregistered callers.", status: 'PERMISSION_DENIED' } }),
      next,
    );
  server.on(
    'POST',
    '/v1beta/models/veo-3.0-generate-001:predictLongRunning',
    guard((_r, res) => sendJson(res, 200, { name: VEO_OP })),
  );
  server.on(
    'GET',
    `/v1beta/${VEO_OP}`,
    guard((_r, res) => sendJson(res, 200, { name: VEO_OP, ...(poll() as object) })),
  );
  server.on('GET', '/v1beta/files/f1:download', guard(mp4));
}

export const veoDone = (server: FakeServer) => ({
  done: true,
  response: {
    '@type': 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
    generateVideoResponse: { generatedSamples: [{ video: { uri: `${server.url}/v1beta/files/f1:download?alt=media` } }] },
  },
});
