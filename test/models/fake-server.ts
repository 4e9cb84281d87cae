import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** A local HTTP server that speaks a service's protocol, and misbehaves when told to. */

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type Handler = (req: Recorded, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: Recorded[];
  /** Most requests open at once, over the server's life. */
  maxInFlight: number;
  inFlight: number;
  events: EventEmitter;
  /** Adds a route; the last added that matches wins, so a test can put a fault over a normal route. */
  on(method: string, path: string | RegExp, handler: Handler): void;
  /** Resolves once `n` requests matching `path` have arrived (counting those already in). */
  arrived(path: string | RegExp, n?: number): Promise<void>;
  close(): Promise<void>;
}

const matches = (p: string | RegExp, path: string) => (typeof p === 'string' ? path === p : p.test(path));

/**
 * Start one per test (`beforeEach`) and close it after (`afterEach`). A request that a test has
 * already given up on (a 30 ms timeout on a busy machine) may not have been accepted or read by
 * the server when the test ends; a server shared by the file would read it later and answer it
 * with the next test's routes, spending that test's `failFirst` fault and joining its request
 * log. Closing the server drops such a connection instead.
 */
export async function startFakeServer(): Promise<FakeServer> {
  const routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  const events = new EventEmitter();
  const state = { maxInFlight: 0, inFlight: 0 };
  const requests: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let closed = false;
    const finish = () => {
      if (!closed) state.inFlight--;
      closed = true;
    };
    res.on('close', finish);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep the text */
    }
    const recorded: Recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    requests.push(recorded);
    events.emit('request', recorded);
    const route = [...routes].reverse().find((r) => r.method === recorded.method && matches(r.path, recorded.path.split('?')[0]!));
    if (!route) return sendJson(res, 404, { error: `no route ${recorded.method} ${recorded.path}` });
    await route.handler(recorded, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    events,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get inFlight() {
      return state.inFlight;
    },
    on: (method, path, handler) => void routes.push({ method, path, handler }),
    arrived: (path, n = 1) =>
      new Promise((resolve) => {
        const count = () => requests.filter((r) => matches(path, r.path.split('?')[0]!)).length;
        if (count() >= n) return resolve();
        const check = () => {
          if (count() < n) return;
          events.off('request', check);
          resolve();
        };
        events.on('request', check);
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FakeServer;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

export function sendBytes(res: ServerResponse, bytes: Uint8Array, type: string): void {
  res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.byteLength) });
  res.end(bytes);
}

/** A connection that never answers (until the client gives up or the server closes). */
export const hang: Handler = () => undefined;

/** Promises a long body, sends half of it, then drops the connection. */
export function truncated(bytes: Uint8Array, type = 'application/json'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.byteLength) });
    res.write(bytes.subarray(0, Math.floor(bytes.byteLength / 2)));
    res.socket?.destroy();
  };
}

/** An HTML error page served with an image content type, as CDNs and proxies do. */
export const htmlAsImage: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'image/png' });
  res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
};

/** Answers `status` the first `times` calls, then falls through to `next`. */
export function failFirst(times: number, fault: Handler, next: Handler): Handler {
  let n = 0;
  return (req, res) => (n++ < times ? fault(req, res) : next(req, res));
}

export const status =
  (code: number, headers: Record<string, string> = {}, body: unknown = { error: { message: `status ${code}` } }): Handler =>
  (_req, res) =>
    sendJson(res, code, body, headers);

let png: Promise<Buffer> | undefined;
/** A real 8x8 PNG. */
export const tinyPng = (): Promise<Buffer> =>
  (png ??= sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer());

/** Bytes that start like an MP4 file (an ftyp box): enough for type sniffing. */
export function fakeMp4(): Buffer {
  const head = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
  return Buffer.concat([head, Buffer.alloc(64)]);
}
