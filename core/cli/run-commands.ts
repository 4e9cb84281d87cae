import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE, storeLabel } from '../config/index.js';
import {
  systemClock,
  generateAll,
  scoreRun,
  releaseDeadClaims,
  prepareRun,
  type PreparedRun,
  checkWritableFolders,
  samplesText,
} from '../run/index.js';
import { generateOnQueue, scoreOnQueue } from '../queue/index.js';
import { writeReport } from '../report/index.js';
import { isPlaceholderRun } from '../study/index.js';
import { localMediaFolder } from '../media-store/index.js';
import {
  budgetOf,
  buildGenerators,
  loadConfigFile,
  mediaPreview,
  metricDescriptions,
  openWorkspace,
  selectedMetrics,
  type Workspace,
} from './compose.js';
import { EXIT_CODES_HELP, EXIT_GENERATIONS_FAILED, EXIT_OVER_BUDGET, failureSummary } from './failure-summary.js';
import { printPlan } from './plan-command.js';
import { overBudgetRefusal } from './budget-gate.js';
import { generateOptions } from './generate-options.js';
import { analysisOptions } from './analysis-options.js';
import { reportStudy } from './study-report-command.js';
import { RunProgress } from './progress.js';
import { queueUrlArg } from './queue-url.js';
import { stopOnInterrupt } from './stop-signal.js';
import { checkSimulatedStudy, simulatedStudyStep } from './simulated-study-step.js';
import { ALLOW_MISMATCH_FLAG, provenanceGate } from './compare-command.js';
import { BASELINE_STORE_FLAG, BASELINE_STORE_HELP, openBaselineStore } from './baseline-store.js';

interface StepOptions {
  config: string;
  retryFailed?: boolean;
  quiet?: boolean;
  queue?: string;
  plan?: boolean;
  study?: string;
  baseline?: string;
  baselineStore?: string;
  allowProvenanceMismatch?: boolean;
}

type Step = 'generate' | 'score' | 'report';

/** `loupe generate`, `loupe score`, `loupe report` and `loupe run` (all three in order). */
export function registerRunCommands(program: Command): void {
  const steps: [string, Step[], string][] = [
    ['generate', ['generate'], 'make every planned image or video that is not made yet (resumes an interrupted run)'],
    ['score', ['score'], "compute the automatic metrics on the run's media, skipping what is already scored"],
    ['report', ['report'], 'write the HTML, JSON and CSV report of the run and print its path'],
    ['run', ['generate', 'score', 'report'], 'generate, score and report, in order; run it again to resume'],
  ];
  for (const [name, which, description] of steps) {
    const cmd = program
      .command(name)
      .description(description)
      .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
      .option('-q, --quiet', 'no progress bar');
    if (which.includes('generate')) {
      cmd.option('--retry-failed', 'also retry generations that failed for good (refused, bad request) before');
      cmd.option(
        '--plan',
        'print what would be made and what it would cost (per generator and prompt set, against run.budgetUsd), then stop: nothing is sent or stored',
      );
      cmd.addHelpText('after', EXIT_CODES_HELP);
    }
    if (which.some((step) => step !== 'report'))
      cmd.option(
        '--queue <url>',
        'enqueue the jobs on Redis (redis://host:port) for `loupe worker` processes and wait for them',
        queueUrlArg,
      );
    if (name === 'report')
      cmd
        .option(
          '--baseline <run>',
          'add a section comparing this run with an earlier run of the store, prompt by prompt (as `loupe compare`)',
        )
        .option(`${BASELINE_STORE_FLAG} <where>`, `with --baseline: ${BASELINE_STORE_HELP}`)
        .option(ALLOW_MISMATCH_FLAG, "with --baseline: compare even when the runs' metric provenance differs");
    if (name === 'report')
      cmd.option(
        '--study <id>',
        "report one study's human data alone (raters, screening, Krippendorff's alpha, rankings where ratings name generators); needs no config",
      );
    cmd.action((options: StepOptions) =>
      options.plan ? printPlan(options) : options.study ? reportStudy({ ...options, study: options.study }) : runSteps(which, options),
    );
  }
}

async function runSteps(steps: Step[], options: StepOptions): Promise<void> {
  if (options.baselineStore && !options.baseline)
    throw new Error(`${BASELINE_STORE_FLAG} says where the baseline run is: give the run too (--baseline <run>)`);
  const loaded = loadConfigFile(options.config);
  const simulate = steps.includes('score') && steps.includes('report');
  if (simulate) checkSimulatedStudy(loaded);
  await checkWritableFolders(loaded, {
    ...localMediaFolder(loaded.config.media),
    ...(steps.includes('report') ? { 'report.dir': loaded.config.report.dir } : {}),
  });
  const ws = await openWorkspace(loaded);
  const signals = stopOnInterrupt();
  const progress = new RunProgress(options.quiet);
  try {
    const existing = await ws.store.getRun(loaded.config.run.id);
    if (!steps.includes('generate') && !existing) {
      throw new Error(
        `no run "${loaded.config.run.id}" in ${storeLabel(loaded.config.store)} yet: start it with \`loupe run\` or \`loupe generate\``,
      );
    }
    const plan = steps.includes('generate') || !isPlaceholderRun(existing);
    const generators = buildGenerators(loaded);
    const refusal =
      steps.includes('generate') && steps.includes('score')
        ? await overBudgetRefusal(loaded, ws.store, generators, options.retryFailed)
        : null;
    if (refusal) {
      console.error(refusal);
      process.exitCode = EXIT_OVER_BUDGET;
      return;
    }
    const prepared = await prepareRun(loaded, ws.store, generators, { plan });
    const runId = prepared.run.id;
    if (!plan) console.error(`Run "${runId}" is a placeholder for imported data: nothing of the config's plan is added to it.`);
    else
      console.error(
        `${prepared.resumed ? 'Resuming' : 'Starting'} run "${runId}": ${prepared.generators.size} generators, ${prepared.sets.map((s) => `${s.set.id}@${s.set.version} (${s.prompts.length})`).join(', ')}, languages ${loaded.config.languages.join('+')}, ${samplesText(loaded.config.samples)}.`,
      );
    if (steps.includes('generate')) {
      const released = await releaseDeadClaims(ws.store, runId);
      if (released > 0) console.error(`${released} generation(s) left running by a stopped process go back to the queue.`);
      await ws.store.setRunStatus(runId, 'generating');
      if (options.queue) {
        const retryFailed = options.retryFailed ?? false;
        await generateOnQueue({
          ...queueStep(options.queue, ws, prepared, signals.stop),
          planned: prepared.planned,
          scheduler: loaded.config.scheduler,
          retryFailed,
        });
      } else {
        await generateAll(
          generateOptions(loaded, ws, prepared, signals, {
            retryFailed: options.retryFailed,
            budget: budgetOf(loaded.config.run, runId),
            onEvent: progress.onEvent,
          }),
        );
        console.error(progress.summary());
      }
      if (signals.stop.aborted) return interrupted(ws, runId);
    }
    if (steps.includes('score')) {
      await ws.store.setRunStatus(runId, 'scoring');
      const metrics = selectedMetrics(loaded, { store: ws.store, stop: signals.stop, budget: budgetOf(loaded.config.run, runId) });
      try {
        if (options.queue) await scoreOnQueue({ ...queueStep(options.queue, ws, prepared, signals.stop), metrics });
        else
          await scoreRun({
            store: ws.store,
            media: ws.media,
            runId,
            metrics,
            prompts: prepared.prompts,
            stop: signals.stop,
            onEvent: progress.onEvent,
          });
      } finally {
        await Promise.all(metrics.map((m) => m.dispose?.()));
      }
      if (signals.stop.aborted) return interrupted(ws, runId);
      if (simulate) await simulatedStudyStep(loaded, ws.store, runId, prepared.prompts);
    }
    const counts = await ws.store.countGenerations(runId);
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const made = counts.reduce((sum, c) => sum + (c.status === 'done' ? c.count : 0), 0);
    const failed = counts.reduce((sum, c) => sum + (c.status === 'failed' ? c.count : 0), 0);
    if (made + failed === total) await ws.store.setRunStatus(runId, 'done');
    if (steps.includes('report')) {
      const analysis = analysisOptions(loaded);
      const other = options.baselineStore ? await openBaselineStore(options.baselineStore, loaded) : null;
      const report = await writeReport({
        store: ws.store,
        media: ws.media,
        preview: mediaPreview,
        runId,
        metrics: metricDescriptions(loaded),
        dir: loaded.resolvePath(loaded.config.report.dir),
        analysis,
        baseline: options.baseline
          ? {
              runId: options.baseline,
              other: other ?? undefined,
              check: (c) => provenanceGate(c, options.allowProvenanceMismatch ?? false),
            }
          : undefined,
      }).finally(() => other?.close());
      const waiting = total - made - failed;
      console.error(
        `Report: ${report.data.generators.length} generators, ${made} of ${total} generations made${failed ? `, ${failed} failed (listed in the report)` : ''}${waiting ? `, ${waiting} not made yet` : ''}.`,
      );
      console.error(`Chinese version (中文版): ${report.htmlZh}`);
      console.log(report.html);
    }
    const failures =
      steps.includes('generate') && failed > 0 ? failureSummary(await ws.store.listGenerations({ runId, status: 'failed' }), total) : null;
    if (failures) {
      console.error(failures);
      process.exitCode = EXIT_GENERATIONS_FAILED;
    }
    if (progress.overBudget) process.exitCode = EXIT_OVER_BUDGET;
  } finally {
    signals.dispose();
    await ws.close();
  }
}

/** What a queued step needs: the queue, the run and where its progress goes (stderr). */
function queueStep(url: string, ws: Workspace, prepared: PreparedRun, stop: AbortSignal) {
  const generatorIds = [...prepared.generators.keys()];
  return {
    url,
    runId: prepared.run.id,
    store: ws.store,
    generatorIds,
    stop,
    clock: systemClock,
    onProgress: (line: string) => console.error(line),
  };
}

async function interrupted(ws: Workspace, runId: string): Promise<void> {
  await ws.store.setRunStatus(runId, 'interrupted');
  console.error(`Stopped. Everything finished is kept; run the same command again to resume.`);
  process.exitCode = 130;
}
