import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE, storeLabel, type LoadedConfig } from '../config/index.js';
import { OPEN_PHASES, type Store } from '../types/index.js';
import { loadConfigFile, openConfigStore } from './compose.js';
import { cancelJobs, JOBS_CANCEL_EXIT_CODES, type CancelOptions } from './jobs-cancel.js';
import { age, price, promptLabel, shortKey, shorten, withGenerations } from './ledger-rows.js';
import { textTable } from './text-table.js';

/** `loupe jobs list` and `loupe jobs cancel`: the paid requests of the config's run that are still open at a service. */
export function registerJobsCommands(program: Command): void {
  const jobs = program
    .command('jobs')
    .description("the run's paid requests and remote jobs (the ledger): list those still open at a service, or cancel them");
  jobs
    .command('list')
    .description("list the run's requests still open at a service (sending, created, polling, result ready)")
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--all', 'list every row of the ledger, finished ones too')
    .action((options: { config: string; all?: boolean }) =>
      withRunStore(options.config, (store, runId) => listJobs(store, runId, options)),
    );
  jobs
    .command('cancel')
    .description(
      'cancel at their services the jobs a stopped run left open, for a run you will not resume: each is recorded as cancelled and its generation as failed (cancelled), so a resume does not make it again',
    )
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--generator <id>', "only this generator's jobs")
    .option('--yes', 'cancel without asking (needed where stdin is not a terminal)')
    .option('--force', 'cancel even while a live process holds claims on the run')
    .addHelpText('after', JOBS_CANCEL_EXIT_CODES)
    .action((options: Omit<CancelOptions, 'loaded'> & { config: string }) =>
      withRunStore(options.config, (store, runId, loaded) => cancelJobs(store, runId, { ...options, loaded })),
    );
}

/** Opens the store of the config's run (no media store: the ledger is enough) and closes it after `work`. */
async function withRunStore(configFile: string, work: (store: Store, runId: string, loaded: LoadedConfig) => Promise<void>): Promise<void> {
  const loaded = loadConfigFile(configFile);
  const runId = loaded.config.run.id;
  const store = await openConfigStore(loaded);
  try {
    if (!(await store.getRun(runId)))
      throw new Error(`no run "${runId}" in ${storeLabel(loaded.config.store)} yet: start it with \`loupe run\``);
    await work(store, runId, loaded);
  } finally {
    await store.close();
  }
}

async function listJobs(store: Store, runId: string, options: { all?: boolean }): Promise<void> {
  const entries = await store.listLedger(options.all ? { runId } : { runId, phases: OPEN_PHASES });
  if (entries.length === 0) {
    console.log(
      options.all
        ? `Run "${runId}" has no paid requests in its ledger.`
        : `Run "${runId}" has no jobs open at a service: nothing to cancel, nothing a resume picks up.`,
    );
    return;
  }
  const rows = await withGenerations(store, entries);
  const now = Date.now();
  console.log(
    options.all
      ? `Run "${runId}": ${entries.length} ledger rows.`
      : `Run "${runId}": ${entries.length} open at a service (phase ${OPEN_PHASES.join(', ')}); \`loupe jobs cancel\` stops them, a resume picks them up.`,
  );
  console.log(
    textTable(
      ['generator', 'prompt', 'key', 'attempt', 'phase', 'job id', 'age', 'price', 'message'],
      rows.map((row) => {
        const e = row.entry;
        return [
          e.generatorId,
          promptLabel(row),
          shortKey(row),
          e.attempt,
          e.phase,
          e.jobId ?? '-',
          age(e.createdAt, now),
          price(e),
          shorten(e.message),
        ];
      }),
      9,
    ),
  );
}
