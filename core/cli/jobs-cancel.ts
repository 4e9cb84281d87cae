import { createInterface } from 'node:readline/promises';
import type { LoadedConfig } from '../config/index.js';
import { liveClaimOwners, type ClaimOwner } from '../run/index.js';
import { OPEN_PHASES, type CancelOutcome, type Generator, type LedgerEntry, type Store } from '../types/index.js';
import { buildGenerator } from './compose.js';
import { age, promptLabel, shortKey, serviceOf, withGenerations, type LedgerRow } from './ledger-rows.js';
import { textTable } from './text-table.js';

/** Some jobs were not cancelled at their service: their rows are unchanged. */
export const EXIT_NOT_CANCELLED = 3;

export const JOBS_CANCEL_EXIT_CODES = `
Exit codes:
  0    every open job that can be cancelled was cancelled (the others are listed, unchanged), or none was open
  1    an unexpected error; a live process holds claims on the run (stop it, or --force); or the answer was no
  2    bad configuration, an unknown --generator, or no --yes where stdin is not a terminal: nothing was changed
  ${EXIT_NOT_CANCELLED}    some jobs were not cancelled at their service (a failed request, a job that had already
       finished): their rows are unchanged and the message says why; run it again to try again`;

export interface CancelOptions {
  loaded: LoadedConfig;
  generator?: string;
  yes?: boolean;
  force?: boolean;
}

/** What `loupe jobs cancel` does with one open row. */
type Plan =
  | { kind: 'cancel'; cancel: (entry: LedgerEntry) => Promise<CancelOutcome>; service: string }
  | { kind: 'unknown' }
  | { kind: 'leave'; why: string };

/**
 * Cancels at their services the jobs of a run that nobody will resume, through each generator's
 * own `cancelJob`: a cancelled row becomes `cancelled` and its generation failed (`cancelled`),
 * so that a resume does not make it again. A row sent without a job id becomes `unknown`. Rows
 * the service cannot cancel are listed and left for a resume.
 */
export async function cancelJobs(store: Store, runId: string, options: CancelOptions): Promise<void> {
  const { loaded } = options;
  const open = await store.listLedger({ runId, phases: OPEN_PHASES });
  const only = options.generator;
  const configured = loaded.config.generators.map((g) => g.id);
  if (only !== undefined && !configured.includes(only) && !open.some((e) => e.generatorId === only)) {
    console.error(
      `error: --generator ${only}: no such generator in ${loaded.file} or among the run's open jobs (${configured.join(', ')})`,
    );
    process.exitCode = 2;
    return;
  }
  const entries = only === undefined ? open : open.filter((e) => e.generatorId === only);
  if (entries.length === 0) {
    console.log(`Run "${runId}" has no jobs open at a service${only === undefined ? '' : ` for generator "${only}"`}: nothing to cancel.`);
    return;
  }
  const owners = await liveClaimOwners(store, runId);
  if (owners.length > 0 && !options.force) throw new Error(stillRunning(runId, owners));
  if (owners.length > 0) console.error(`--force: ${stillRunning(runId, owners)}`);

  const rows = await withGenerations(store, entries);
  const generatorOf = generatorsOf(loaded);
  const plans = rows.map((row) => ({ row, plan: planFor(row.entry, generatorOf(row.entry.generatorId)) }));
  console.log(`Run "${runId}": ${rows.length} open at a service.`);
  console.log(
    textTable(
      ['generator', 'prompt', 'key', 'phase', 'job id', 'age', 'loupe jobs cancel will'],
      plans.map(({ row, plan }) => [
        row.entry.generatorId,
        promptLabel(row),
        shortKey(row),
        row.entry.phase,
        row.entry.jobId ?? '-',
        age(row.entry.createdAt),
        intent(row.entry, plan),
      ]),
      7,
    ),
  );
  const cancels = plans.filter((p) => p.plan.kind === 'cancel').length;
  const unknowns = plans.filter((p) => p.plan.kind === 'unknown').length;
  if (cancels + unknowns === 0) {
    console.log('Nothing to cancel: these jobs finish at their services, and a resume picks them up.');
    return;
  }
  const question = `Cancel ${cancels} job(s) at their services${unknowns ? ` and mark ${unknowns} row(s) without a job id unknown` : ''}?`;
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      console.error(`error: nothing was changed: stdin is not a terminal, so nobody can answer "${question}"; add --yes to do it`);
      process.exitCode = 2;
      return;
    }
    if (!(await confirm(`${question} [y/N] `))) {
      console.error('Nothing was changed.');
      process.exitCode = 1;
      return;
    }
  }
  await carryOut(store, plans);
}

async function carryOut(store: Store, plans: readonly { row: LedgerRow; plan: Plan }[]): Promise<void> {
  const at = new Date().toISOString();
  const counts = { cancelled: 0, unknown: 0, failed: 0, left: 0 };
  for (const { row, plan } of plans) {
    const { entry, generation } = row;
    const label = `${entry.generatorId} ${promptLabel(row)}${entry.jobId === null ? '' : ` job ${entry.jobId}`}`;
    if (plan.kind === 'leave') {
      counts.left++;
    } else if (plan.kind === 'unknown') {
      await store.updateLedgerEntry(entry.id, { phase: 'unknown', message: unknownMessage(entry) });
      console.log(`${label}: marked unknown (no job id); a resume sends its request again`);
      counts.unknown++;
    } else {
      const outcome = await plan.cancel(entry).catch((e: unknown): CancelOutcome => ({ ok: false, said: (e as Error).message }));
      if (!outcome.ok) {
        console.log(`${label}: NOT cancelled: ${outcome.said}`);
        counts.failed++;
        continue;
      }
      const message = `cancelled by \`loupe jobs cancel\` at ${at}`;
      await store.updateLedgerEntry(entry.id, { phase: 'cancelled', message });
      if (generation && generation.status !== 'done')
        await store.finishGeneration(entry.generationKey, {
          status: 'failed',
          errorCategory: 'cancelled',
          errorMessage: `job ${entry.jobId} ${message}; \`loupe generate --retry-failed\` makes it again`,
        });
      console.log(`${label}: ${outcome.said}; its generation is marked failed (cancelled)`);
      counts.cancelled++;
    }
  }
  const parts = [
    `${counts.cancelled} cancelled`,
    ...(counts.unknown ? [`${counts.unknown} marked unknown`] : []),
    ...(counts.left ? [`${counts.left} left to finish (a resume picks them up)`] : []),
    ...(counts.failed ? [`${counts.failed} NOT cancelled (rows unchanged; run \`loupe jobs cancel\` again to retry)`] : []),
  ];
  console.log(`Done: ${parts.join(', ')}.`);
  if (counts.failed > 0) process.exitCode = EXIT_NOT_CANCELLED;
}

function planFor(entry: LedgerEntry, generator: Generator | Error | undefined): Plan {
  if (entry.phase === 'sending' && entry.jobId === null) return { kind: 'unknown' };
  const service = generator === undefined || generator instanceof Error ? 'its service' : serviceOf(generator);
  // A synchronous request answered with a URL (OpenAI images) is here too, without a job id.
  if (entry.phase === 'result-ready')
    return { kind: 'leave', why: `it finished at ${service} and is billed; a resume downloads its result` };
  if (generator === undefined)
    return {
      kind: 'leave',
      why: `generator "${entry.generatorId}" is no longer in the config: find job ${entry.jobId} in its service's console`,
    };
  if (generator instanceof Error) return { kind: 'leave', why: `generator "${entry.generatorId}" cannot be built: ${generator.message}` };
  if (!generator.cancelJob || entry.jobId === null)
    return { kind: 'leave', why: `cannot be cancelled at ${service}: it finishes and is billed; a resume will pick it up` };
  return { kind: 'cancel', cancel: (e) => generator.cancelJob!(e), service };
}

function intent(entry: LedgerEntry, plan: Plan): string {
  if (plan.kind === 'cancel') return `cancel it at ${plan.service}`;
  if (plan.kind === 'unknown') return `mark it unknown: ${unknownMessage(entry)}`;
  return `leave it: ${plan.why}`;
}

const unknownMessage = (entry: LedgerEntry) => `no job id; find it in the service's console by its time ${entry.createdAt}`;

/** Builds each generator of the config once, when a row needs it; one that cannot be built (a missing workflow file) is the error. */
function generatorsOf(loaded: LoadedConfig): (id: string) => Generator | Error | undefined {
  const built = new Map<string, Generator | Error | undefined>();
  return (id) => {
    if (!built.has(id)) {
      const entry = loaded.config.generators.find((g) => g.id === id);
      let generator: Generator | Error | undefined;
      try {
        generator = entry && buildGenerator(entry, loaded);
      } catch (e) {
        generator = e as Error;
      }
      built.set(id, generator);
    }
    return built.get(id);
  };
}

function stillRunning(runId: string, owners: readonly ClaimOwner[]): string {
  const who = owners.map((o) =>
    o.here
      ? `process ${o.pid} on this host (${o.claims} claim(s))`
      : `${o.owner} on another machine, which this one cannot check (${o.claims} claim(s))`,
  );
  return `run "${runId}" is still being generated by ${who.join(' and ')}: it may be polling these jobs. Stop it first (Ctrl-C), or pass --force to cancel them anyway`;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
