import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { loadConfigFile, mediaTools, openWorkspace } from './compose.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8787;

/** Where `loupe rate` is reached when started with its defaults: the printed links of `loupe study` and `loupe rate coordinator-link` start with it unless `--base-url` says otherwise. */
export const DEFAULT_RATER_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port number 0-65535, got "${v}"`);
  return n;
};

const mebibytes = (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number of MiB >= 0, got "${v}"`);
  return n;
};

/** `loupe rate`: serves the rating UI until Ctrl-C; `loupe rate coordinator-link` replaces the coordinator link. */
export function registerRateCommand(program: Command): void {
  const rate = program
    .command('rate')
    .description(
      'serve the blinded rating UI for the studies in the store (links come from `loupe study create`); the coordinator link is printed at the first start and keeps working across restarts',
    )
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--host <host>', 'the address to listen on; 0.0.0.0 exposes it on the network', DEFAULT_HOST)
    .option('--port <port>', 'the port (0 picks a free one)', port, DEFAULT_PORT)
    .option('--media-cache <MiB>', 'media kept in memory to send again without reading them (0: none)', mebibytes, 64)
    .action((o: RateOptions) => serve(o));
  rate
    .command('coordinator-link')
    .description(
      'replace the coordinator link: make a new one, store its hash and print it; the old link stops working at once, also on running servers. ' +
        'Only the hash is stored, so a lost link cannot be shown again: this is how to get a working one',
    )
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--base-url <url>', 'where `loupe rate` is reached, for the printed link', DEFAULT_RATER_URL)
    .action(async (o: { config: string; baseUrl: string }) => {
      const ws = await openWorkspace(loadConfigFile(o.config));
      try {
        const { replaceCoordinatorToken } = await import('../study/index.js');
        const token = await replaceCoordinatorToken(ws.store);
        console.error('New coordinator link (private, shown only now); the old one no longer opens anything:');
        console.log(`${o.baseUrl.replace(/\/+$/, '')}/coordinator/${token}`);
      } finally {
        await ws.close();
      }
    });
}

interface RateOptions {
  config: string;
  host: string;
  port: number;
  mediaCache: number;
}

async function serve(o: RateOptions): Promise<void> {
  const ws = await openWorkspace(loadConfigFile(o.config));
  try {
    // Loaded here, not at start-up: other commands need no HTTP server.
    const { startRaterServer } = await import('../../rater-ui/server/index.js');
    const { firstCoordinatorToken } = await import('../study/index.js');
    // Made once per store and kept as a hash: the link printed at the first start works after restarts.
    const coordinatorToken = await firstCoordinatorToken(ws.store);
    const server = await startRaterServer({
      store: ws.store,
      media: ws.media,
      tools: mediaTools(),
      host: o.host,
      port: o.port,
      mediaCacheBytes: o.mediaCache * 1024 * 1024,
    });
    console.error(`Rating UI at ${server.url} (open the links printed by \`loupe study create\`). Ctrl-C stops it.`);
    console.error(
      coordinatorToken
        ? `Coordinator page (runs, studies, make a study; private, shown only now, and it keeps working after restarts): ${server.url}/coordinator/${coordinatorToken}`
        : 'Coordinator page: the link printed at the first start still works (only its hash is stored, so it cannot be shown again); ' +
            '`loupe rate coordinator-link` replaces it and prints the new one.',
    );
    console.log(server.url);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    console.error('Stopped; every acknowledged rating is in the store.');
  } finally {
    await ws.close();
  }
}
