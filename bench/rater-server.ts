// The rating server in its own process, so that the load benchmark can SIGKILL it:
//   node --import tsx bench/rater-server.ts <store spec> <media folder> <port>
// The store spec is a SQLite file (sqlite:<path>) or a Postgres URL.
import { FolderMediaStore } from '../core/media-store/folder-media-store.js';
import { openStore } from '../core/store/index.js';
import { startRaterServer } from '../rater-ui/server/serve.js';

const [spec, mediaDir, port] = process.argv.slice(2);
const store = await openStore(spec!);
const server = await startRaterServer({
  store,
  media: new FolderMediaStore(mediaDir!),
  host: '127.0.0.1',
  port: Number(port ?? 0),
  // Simulated raters submit far faster than people; the limit is not what is measured here.
  rateLimit: { max: 1_000_000, windowMs: 60_000 },
});
console.log(`ready ${server.url}`);
process.once('SIGTERM', () => void server.close().then(() => store.close()));
// The bench asks over IPC for this process's CPU time (microseconds, user + system), to divide by the ratings it served.
process.on('message', (m) => m === 'cpu' && process.send!(process.cpuUsage()));
process.channel?.unref();
