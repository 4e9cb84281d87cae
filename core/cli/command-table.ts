import type { Command } from 'commander';

/**
 * One top-level command as `loupe --help` lists it, and the module that defines it in full.
 * The module (and what it imports: ONNX Runtime, sharp, the stores, the queue) is loaded only
 * when its command runs, so that `loupe --help` and `loupe --version` start at once.
 */
export interface CommandEntry {
  name: string;
  /** One line for the command list; the module's own description shows in `loupe <name> --help`. */
  summary: string;
  /** Imports the module; its register function defines this command (and any siblings it shares code with). */
  load: () => Promise<(program: Command) => void>;
}

const runSteps = () => import('./run-commands.js').then((m) => m.registerRunCommands);

/** Every top-level command, in the order `loupe --help` lists them. A new command is one entry here. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'init',
    summary: 'write a commented starter config (loupe.config.yaml) in this folder',
    load: () => import('./init-command.js').then((m) => m.registerInitCommand),
  },
  {
    name: 'prompts',
    summary: 'the prompt sets, built in and imported: list, show, validate, import, questions',
    load: () => import('./prompts-commands.js').then((m) => m.registerPromptCommands),
  },
  { name: 'generate', summary: 'make the planned images and videos not made yet (resumes)', load: runSteps },
  { name: 'score', summary: "compute the automatic metrics on the run's media", load: runSteps },
  { name: 'report', summary: 'write the HTML, JSON and CSV report of the run', load: runSteps },
  { name: 'run', summary: 'generate, score and report, in order; run it again to resume', load: runSteps },
  {
    name: 'compare',
    summary: 'what changed between two runs, per generator and metric, beyond the noise',
    load: () => import('./compare-command.js').then((m) => m.registerCompareCommand),
  },
  {
    name: 'worker',
    summary: "take the run's generation and scoring jobs from a Redis queue",
    load: () => import('./worker-command.js').then((m) => m.registerWorkerCommand),
  },
  {
    name: 'status',
    summary: "print the progress of the config's run",
    load: () => import('./status-command.js').then((m) => m.registerStatusCommand),
  },
  {
    name: 'jobs',
    summary: 'list or cancel the paid requests and remote jobs still open',
    load: () => import('./jobs-commands.js').then((m) => m.registerJobsCommands),
  },
  {
    name: 'config',
    summary: 'check a config file, or write its JSON Schema',
    load: () => import('./config-commands.js').then((m) => m.registerConfigCommands),
  },
  {
    name: 'generators',
    summary: "the generator adapters, and a check of a config's generators",
    load: () => import('./generators-commands.js').then((m) => m.registerGeneratorCommands),
  },
  {
    name: 'ratings',
    summary: 'bring human ratings into the store (simulated or from a CSV)',
    load: () => import('./ratings-commands.js').then((m) => m.registerRatingsCommands),
  },
  {
    name: 'arena',
    summary: 'pairwise votes for Bradley-Terry arena scores',
    load: () => import('./arena-commands.js').then((m) => m.registerArenaCommands),
  },
  {
    name: 'agreement',
    summary: 'how well metric columns of a CSV agree with people',
    load: () => import('./agreement-commands.js').then((m) => m.registerAgreementCommands),
  },
  {
    name: 'models',
    summary: 'the metric models: list, pull into the cache, verify',
    load: () => import('./models-commands.js').then((m) => m.registerModelCommands),
  },
  {
    name: 'metrics',
    summary: 'compute one metric on files named on the command line',
    load: () => import('./metrics-commands.js').then((m) => m.registerMetricCommands),
  },
  {
    name: 'judges',
    summary: 'the AI judges of the config: check that each answers with image understanding and log probabilities',
    load: () => import('./judges-commands.js').then((m) => m.registerJudgeCommands),
  },
  {
    name: 'study',
    summary: 'blinded rating studies: create one from a run, its links, its progress',
    load: () => import('./study-commands.js').then((m) => m.registerStudyCommands),
  },
  {
    name: 'rate',
    summary: 'serve the blinded rating UI for the studies in the store',
    load: () => import('./rate-command.js').then((m) => m.registerRateCommand),
  },
  {
    name: 'db',
    summary: 'migrate the store, or copy an evaluation between SQLite and Postgres',
    load: () => import('./db-commands.js').then((m) => m.registerDbCommands),
  },
];

/** The entry of the command `argv` runs (`loupe <name> ...` or `loupe help <name>`), if it names one. */
export function commandIn(argv: readonly string[]): CommandEntry | undefined {
  const [first, second] = argv.slice(2);
  const name = first === 'help' ? second : first;
  return COMMANDS.find((c) => c.name === name);
}
