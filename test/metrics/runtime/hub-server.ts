import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';

export interface HubServer {
  endpoint: string;
  requests: { url: string; auth?: string }[];
  close(): Promise<void>;
}

export interface HubServerOptions {
  /** Hub id -> local model folder. */
  repos: Record<string, string>;
  /** Answer 401 unless this bearer token is sent. */
  token?: string;
  /** Cut the connection half way through this file, once per listed file. */
  breakOnce?: string[];
}

/** A local server speaking the hub's file layout: GET and HEAD /{repo}/resolve/{revision}/{file}. */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const requests: HubServer['requests'] = [];
  const broken = new Set<string>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const m = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    const folder = m ? options.repos[decodeURIComponent(m[1]!)] : undefined;
    const rel = m ? decodeURIComponent(m[3]!) : '';
    const file = folder ? join(folder, rel) : '';
    if (!folder || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const size = statSync(file).size;
    res.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    if (options.breakOnce?.includes(rel) && !broken.has(rel)) {
      broken.add(rel);
      createReadStream(file, { end: Math.floor(size / 2) })
        .on('end', () => res.destroy())
        .pipe(res, { end: false });
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
