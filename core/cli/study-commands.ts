import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/index.js';
import { loadConfigFile, mediaTools, openWorkspace, type Workspace } from './compose.js';
import { DEFAULT_RATER_URL } from './rate-command.js';
import type { CreatedStudy } from '../study/index.js';

interface CreateOptions {
  config: string;
  run?: string;
  id?: string;
  name?: string;
  mode: 'likert' | 'pairwise';
  generators?: string[];
  sets?: string[];
  categories?: string[];
  perStratum?: number;
  raters: number;
  ratingsPerItem: number;
  goldRate: number;
  repeatRate: number;
  seed?: string;
  example: Record<string, { low: string; high: string }>;
  adaptiveBudget?: number;
  adaptiveFloor: number;
  baseUrl: string;
  json?: boolean;
}

const int = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}, got "${v}"`);
  return n;
};
const rate = (v: string) => {
  const n = Number(v);
  if (!(n >= 0 && n <= 0.5)) throw new InvalidArgumentError(`expected a fraction between 0 and 0.5, got "${v}"`);
  return n;
};
const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
/** `--example <dimension>=<low key>,<high key>`, repeatable. */
const example = (v: string, into: Record<string, { low: string; high: string }>) => {
  const m = /^([a-z-]+)=([^,]+),([^,]+)$/.exec(v.trim());
  if (!m) throw new InvalidArgumentError(`expected <dimension>=<low key>,<high key>, got "${v}"`);
  return { ...into, [m[1]!]: { low: m[2]!, high: m[3]! } };
};

/** `loupe study create|list|extend|rater-link|close|open`: rating campaigns made from a run. */
export function registerStudyCommands(program: Command): void {
  const study = program.command('study').description('make and manage blinded rating studies');
  study
    .command('create')
    .description('make a study from a run and print one private link per rater and the admin link')
    .option('-c, --config <file>', 'the config file (store location, default run)', DEFAULT_CONFIG_FILE)
    .option('--run <id>', "the run to rate (default: the config's run id)")
    .option('--id <id>', 'the study id (default: a random one)')
    .option('--name <name>', 'a name raters see on the start page')
    .addOption(
      new Option('--mode <mode>', 'likert: four 5-point scales; pairwise: A/B/tie arena').choices(['likert', 'pairwise']).default('likert'),
    )
    .option('--generators <ids>', 'only these generators (comma-separated)', list)
    .option('--sets <ids>', 'only these prompt sets (comma-separated)', list)
    .option('--categories <names>', 'only these prompt categories (comma-separated)', list)
    .option('--per-stratum <n>', 'a sample of n items per generator x category (default: all items)', int(1))
    .option('--raters <n>', 'number of raters (one private link each)', int(1), 5)
    .option('--ratings-per-item <n>', 'independent raters per item', int(1), 5)
    .option('--gold-rate <r>', 'share of gold items inserted per rater', rate, 0.05)
    .option('--repeat-rate <r>', 'share of planned repeats per rater', rate, 0.05)
    .option('--seed <text>', 'seed for sampling and orders (default: the study id)')
    .option(
      '--adaptive-budget <n>',
      'adaptive allocation: n ratings of study items in all; --adaptive-floor raters per item up front, the rest where the ranking is undecided',
      int(1),
    )
    .option('--adaptive-floor <n>', 'with --adaptive-budget: raters every item gets up front', int(1), 2)
    .option(
      '--example <dim=low,high>',
      "the start page's low and high example generations for a dimension (keys; repeatable; default: picked by metric where one applies); never rated",
      example,
      {},
    )
    .option('--base-url <url>', 'where `loupe rate` will be reached, for the printed links', DEFAULT_RATER_URL)
    .option('--json', 'print the links as JSON')
    .action((o: CreateOptions) => create(o));
  study
    .command('list')
    .description('list the studies in the store')
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .action((o: { config: string }) =>
      withStore(o.config, async (store) => {
        for (const s of await store.listStudies()) console.log(`${s.id}\t${s.mode}\t${s.status}\trun ${s.runId}\t${s.name}`);
      }),
    );
  study
    .command('extend <id>')
    .description("add raters, raise the ratings per item, and take in the run's new items (an open study, while it is served)")
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--raters <n>', 'new raters (one private link each)', int(0), 0)
    .option('--ratings-per-item <n>', 'raise the independent raters per item to n', int(1))
    .option('--base-url <url>', 'where `loupe rate` is reached, for the printed links', DEFAULT_RATER_URL)
    .option('--json', 'print the new links as JSON')
    .action((id: string, o: ExtendOptions) => extend(id, o));
  study
    .command('rater-link <id> <rater>')
    .description(
      "replace a rater's private link (one that was lost: only its hash is stored, so it cannot be shown again) and print the new one; " +
        'the old link stops working at once, also on running servers; the rater keeps their items, place and ratings',
    )
    .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
    .option('--base-url <url>', 'where `loupe rate` is reached, for the printed link', DEFAULT_RATER_URL)
    .action((id: string, rater: string, o: { config: string; baseUrl: string }) =>
      withStore(o.config, async (store) => {
        const { replaceRaterToken } = await import('../study/index.js');
        const token = await replaceRaterToken(store, id, rater);
        console.error(`Study "${id}": new private link for rater ${rater} (shown only now); the old one no longer opens anything.`);
        console.log(`rater ${rater}: ${o.baseUrl.replace(/\/+$/, '')}/r/${token}`);
      }),
    );
  for (const [name, status, what] of [
    ['close', 'closed', 'stop accepting ratings'],
    ['open', 'open', 'reopen a closed study'],
  ] as const) {
    study
      .command(`${name} <id>`)
      .description(what)
      .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
      .action((id: string, o: { config: string }) =>
        withStore(o.config, async (store) => {
          await store.setStudyStatus(id, status);
          console.error(`study "${id}" is ${status}`);
        }),
      );
  }
}

async function withStore(configFile: string, fn: (store: Workspace['store'], media: Workspace['media']) => Promise<void>): Promise<void> {
  const ws = await openWorkspace(loadConfigFile(configFile));
  try {
    await fn(ws.store, ws.media);
  } finally {
    await ws.close();
  }
}

async function create(o: CreateOptions): Promise<void> {
  const loaded = loadConfigFile(o.config);
  const { createStudy, studyOptionsFrom } = await import('../study/index.js');
  const { StudyCreateSchema } = await import('../types/index.js');
  // The coordinator page validates with the same schema: one set of limits, whichever way a study is made.
  const parsed = StudyCreateSchema.safeParse({
    runId: o.run ?? loaded.config.run.id,
    id: o.id,
    name: o.name,
    mode: o.mode,
    raters: o.raters,
    ratingsPerItem: o.ratingsPerItem,
    goldRate: o.goldRate,
    repeatRate: o.repeatRate,
    seed: o.seed,
    examples: o.example,
    generators: o.generators ?? null,
    sets: o.sets ?? null,
    categories: o.categories ?? null,
    perStratum: o.perStratum ?? null,
    adaptive: o.adaptiveBudget === undefined ? null : { budget: o.adaptiveBudget, floor: o.adaptiveFloor },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = (issue.path[0] === 'adaptive' ? `adaptive-${String(issue.path[1] ?? 'budget')}` : String(issue.path[0] ?? ''))
      .replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
      .replace(/^examples$/, 'example')
      .replace(/^run-id$/, 'run');
    const detail = issue.path.length > 1 && issue.path[0] !== 'adaptive' ? ` (${issue.path.slice(1).join('.')})` : '';
    throw new Error(`--${flag}${detail}: ${issue.message}`);
  }
  const b = parsed.data;
  await withStore(o.config, async (store, media) => {
    const made = await createStudy(store, studyOptionsFrom(b), { media, tools: mediaTools() });
    print(made, o.baseUrl.replace(/\/+$/, ''), o.json === true);
  });
}

interface ExtendOptions {
  config: string;
  raters: number;
  ratingsPerItem?: number;
  baseUrl: string;
  json?: boolean;
}

async function extend(id: string, o: ExtendOptions): Promise<void> {
  const { extendStudy } = await import('../study/index.js');
  await withStore(o.config, async (store, media) => {
    const done = await extendStudy(store, id, { addRaters: o.raters, ratingsPerItem: o.ratingsPerItem }, { media, tools: mediaTools() });
    const raters = done.raters.map((r) => ({ id: r.id, link: `${o.baseUrl.replace(/\/+$/, '')}/r/${r.token}` }));
    if (o.json) return console.log(JSON.stringify({ study: id, newItems: done.newUnits, assignments: done.assignments, raters }, null, 2));
    console.error(
      `Study "${id}" extended: ${done.newUnits} new items, ${done.assignments} new assignments, ${raters.length} new raters. Running servers serve them at once.`,
    );
    for (const r of raters) console.log(`rater ${r.id}: ${r.link}`);
  });
}

function print(made: CreatedStudy, base: string, json: boolean): void {
  const raters = made.raters.map((r) => ({ id: r.id, link: `${base}/r/${r.token}` }));
  const admin = `${base}/admin/${made.adminToken}`;
  if (json) {
    console.log(
      JSON.stringify(
        { study: made.study.id, mode: made.study.mode, items: made.units, assignments: made.assignments, raters, admin },
        null,
        2,
      ),
    );
    return;
  }
  console.error(
    `Study "${made.study.id}" (${made.study.mode}): ${made.units} items, ${made.assignments} assignments over ${raters.length} raters.`,
  );
  console.error('Each link is private and shown only now; serve them with `loupe rate`.');
  for (const r of raters) console.log(`rater ${r.id}: ${r.link}`);
  console.log(`admin: ${admin}`);
}
