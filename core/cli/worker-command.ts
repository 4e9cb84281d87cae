import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { localMediaFolder } from '../media-store/index.js';
import { runWorker } from '../queue/index.js';
import { systemClock, type RunEvent, resolveRun, checkWritableFolders } from '../run/index.js';
import { queueUrlArg } from './queue-url.js';
import { budgetOf, buildGenerators, loadConfigFile, mediaProbe, openWorkspace, selectedMetrics } from './compose.js';
import { stopOnInterrupt } from './stop-signal.js';

interface WorkerCommandOptions {
  queue: string;
  config: string;
  concurrency: number;
  only?: 'generate' | 'score';
  stallMs: number;
  quiet?: boolean;
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
  return n;
};

/** `loupe worker`: one of any number of processes, on any machines, that make and score a run's queued jobs. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      "take the generation and scoring jobs of the config's run from a Redis queue (`loupe run --queue`); start any number, on any machine, with the same config file",
    )
    .requiredOption('--queue <url>', "the run's Redis: redis://host:port", queueUrlArg)
    .option('-c, --config <file>', 'the config file (the same as `loupe run` uses)', DEFAULT_CONFIG_FILE)
    .option(
      '--concurrency <n>',
      "jobs at once per queue in this process; the config's per-generator limits hold across all workers",
      positiveInt('--concurrency'),
      4,
    )
    .addOption(new Option('--only <step>', 'take only generation or only scoring jobs').choices(['generate', 'score']))
    .option(
      '--stall-ms <ms>',
      'how long the job of a worker that stopped answering (killed) stays locked before another worker takes it over',
      positiveInt('--stall-ms'),
      30_000,
    )
    .option('-q, --quiet', 'no line per finished generation')
    .action(workerAction);
}

async function workerAction(options: WorkerCommandOptions): Promise<void> {
  const loaded = loadConfigFile(options.config);
  await checkWritableFolders(loaded, localMediaFolder(loaded.config.media));
  const ws = await openWorkspace(loaded);
  const signals = stopOnInterrupt();
  const budget = budgetOf(loaded.config.run, loaded.config.run.id);
  const metrics = options.only === 'generate' ? [] : selectedMetrics(loaded, { store: ws.store, stop: signals.stop, budget });
  try {
    const resolved = await resolveRun(loaded, ws.store, buildGenerators(loaded));
    await runWorker({
      url: options.queue,
      runId: loaded.config.run.id,
      resolved,
      store: ws.store,
      media: ws.media,
      probe: mediaProbe,
      scheduler: loaded.config.scheduler,
      budget,
      metrics,
      only: options.only,
      concurrency: options.concurrency,
      stallMs: options.stallMs,
      stop: signals.stop,
      abort: signals.abort,
      clock: systemClock,
      onEvent: options.quiet ? undefined : logEvent,
      onLog: (line) => console.error(line),
    });
    console.error('Worker stopped; every job it took is finished or back on the queue.');
  } finally {
    signals.dispose();
    await Promise.all(metrics.map((m) => m.dispose?.()));
    await ws.close();
  }
}

function logEvent(event: RunEvent): void {
  const item =
    'item' in event
      ? `${event.item.generatorId} ${event.item.promptSetId}/${event.item.promptId} ${event.item.language} #${event.item.sample}`
      : '';
  if (event.type === 'done') console.error(`done ${item} in ${event.latencyMs} ms`);
  else if (event.type === 'failed') console.error(`failed ${item}: ${event.error.category}: ${event.error.message}`);
  else if (event.type === 'retry') console.error(`retry ${item} in ${event.delayMs} ms after ${event.error.category}`);
}
