import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { loadConfigFile, mediaTools, openWorkspace } from './compose.js';

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port number 0-65535, got "${v}"`);
  return n;
};

/** `loupe rate`: serves the rating UI until Ctrl-C. */
export function registerRateCommand(program: Command): void {
  program
    .command('rate')
    .description('serve the blinded rating UI for the studies in the store (links come from `loupe study create`)')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--host <host>', 'the address to listen on; 0.0.0.0 exposes it on the network', '127.0.0.1')
    .option('--port <port>', 'the port (0 picks a free one)', port, 8787)
    .action(async (o: { config: string; host: string; port: number }) => {
      const ws = await openWorkspace(loadConfigFile(o.config));
      try {
        // Loaded here, not at start-up: other commands need no HTTP server.
        const { startRaterServer } = await import('../../rater-ui/server/index.js');
        const { hashToken, newToken } = await import('../study/index.js');
        // A fresh coordinator link per start; the server keeps only its hash.
        const coordinatorToken = newToken();
        const server = await startRaterServer({
          store: ws.store,
          media: ws.media,
          tools: mediaTools(),
          host: o.host,
          port: o.port,
          coordinatorTokenHash: hashToken(coordinatorToken),
        });
        console.error(`Rating UI at ${server.url} (open the links printed by \`loupe study create\`). Ctrl-C stops it.`);
        console.error(
          `Coordinator page (runs, studies, make a study; private, valid while this server runs): ${server.url}/coordinator/${coordinatorToken}`,
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
    });
}
