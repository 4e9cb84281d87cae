import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE, storeLabel } from '../config/index.js';
import { COUNTED_STATES, RunQueues, generationTally } from '../queue/index.js';
import { loadConfigFile, openWorkspace } from './compose.js';
import { queueUrlArg } from './queue-url.js';
import { textTable } from './text-table.js';

/** `loupe status`: a run's progress from any machine: the store's generations and, with --queue, the queues' jobs. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description("print the progress of the config's run: generations per generator from the store, and jobs per queue with --queue")
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--queue <url>', "also count the run's jobs on this Redis: redis://host:port", queueUrlArg)
    .action(async (options: { config: string; queue?: string }) => {
      const loaded = loadConfigFile(options.config);
      const runId = loaded.config.run.id;
      const ws = await openWorkspace(loaded);
      try {
        const run = await ws.store.getRun(runId);
        if (!run) throw new Error(`no run "${runId}" in ${storeLabel(loaded.config.store)} yet: start it with \`loupe run\``);
        console.log(`Run "${runId}": ${run.status}, updated ${run.updatedAt}`);
        const rows = [...(await generationTally(ws.store, runId))].map(([id, t]) => [id, t.done, t.failed, t.running, t.pending]);
        console.log(textTable(['generator', 'done', 'failed', 'running', 'pending'], rows));
        if (options.queue) {
          const queues = await RunQueues.open(
            options.queue,
            runId,
            loaded.config.generators.map((g) => g.id),
          );
          try {
            const counts = await queues.counts();
            console.log(
              textTable(
                ['queue', ...COUNTED_STATES],
                [...counts].map(([name, c]) => [name, ...COUNTED_STATES.map((s) => c[s])]),
              ),
            );
          } finally {
            await queues.close();
          }
        }
      } finally {
        await ws.close();
      }
    });
}
