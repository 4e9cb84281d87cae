import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createRaterApp, type RaterAppOptions } from './app.js';
import { ensureBundle } from './build-ui.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Builds the client if needed, then listens; port 0 picks a free port. */
export async function startRaterServer(o: Omit<RaterAppOptions, 'assetsDir'> & { host: string; port: number }): Promise<RunningServer> {
  const { dir } = await ensureBundle();
  const app = createRaterApp({ ...o, assetsDir: dir });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: o.host, port: o.port }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        (server as import('node:http').Server).closeAllConnections?.();
      }),
  };
}
