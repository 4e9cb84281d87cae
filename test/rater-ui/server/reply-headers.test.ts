import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaterApp } from '../../../rater-ui/server/app.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { makeFixture, type Fixture } from '../study-fixture.js';

let f: Fixture;
let server: ServerType;
let base: string;
let token: string;

beforeAll(async () => {
  f = await makeFixture();
  const app = createRaterApp({ store: f.store, media: f.media, assetsDir: '/nonexistent', log: () => undefined });
  token = (await f.study({ id: 'headers', goldRate: 0, repeatRate: 0 })).raters[0]!.token;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await f.cleanup();
});

/** A POST of `size` bytes sent in chunks, with no Content-Length (the server learns its size only by reading it). */
function chunkedPost(path: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    for (let sent = 0; sent < size; sent += 1024) req.write('x'.repeat(1024));
    req.end();
  });
}

describe('every reply of the rating server, over HTTP', () => {
  const expectGuarded = (res: Response) => {
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self';.*frame-ancestors 'none'$/);
  };

  it('carries the referrer, sniffing and content-security headers: session, media, page, refusals', async () => {
    const session = await fetch(`${base}/api/r/${token}/session`);
    expectGuarded(session);
    const media = await fetch(`${base}${((await session.json()) as SessionView).item!.media[0]!.url}`);
    expect(media.headers.get('content-type')).toBe('image/png');
    expectGuarded(media);
    expectGuarded(await fetch(`${base}/r/${token}`));
    for (const res of [await fetch(`${base}/api/r/${'x'.repeat(43)}/session`), await fetch(`${base}/nowhere`)]) {
      expect([401, 404]).toContain(res.status);
      expectGuarded(res);
    }
  });

  it('refuses a body over 16 KiB, whether its length is declared or only counted', async () => {
    const declared = await fetch(`${base}/api/r/${token}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(17 * 1024),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'request body too large' });
    expectGuarded(declared);
    expect(await chunkedPost(`/api/r/${token}/ratings`, 17 * 1024)).toBe(413);
    // Under the limit, the body reaches the schema, which names what is wrong.
    expect(await chunkedPost(`/api/r/${token}/ratings`, 4 * 1024)).toBe(400);
  });
});
