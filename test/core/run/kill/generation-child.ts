/**
 * The generation loop of `loupe generate`, alone in a process, for the kill tests: two paid
 * generators (OpenAI images, synchronous; Replicate, jobs) on a local billing service. With
 * `killAtWrite` it SIGKILLs itself right after its n-th ledger write is committed, the way a
 * machine dies: no handler runs, nothing is flushed.
 */
import { FolderMediaStore } from '../../../../core/media-store/folder-media-store.js';
import { SchedulerSchema } from '../../../../core/config/schema.js';
import { releaseDeadClaims } from '../../../../core/run/claims.js';
import { systemClock } from '../../../../core/run/clock.js';
import { generateAll } from '../../../../core/run/generate.js';
import { planGenerations } from '../../../../core/run/plan.js';
import { openSqliteStore } from '../../../../core/store/sqlite/store.js';
import type { PromptSet } from '../../../../core/types/prompt.js';
import { createAsyncJobGenerator } from '../../../../models/async-job/generator.js';
import { createOpenAIImagesGenerator } from '../../../../models/openai-images.js';
import { mediaProbe } from '../../../../core/cli/compose.js';

interface ChildArgs {
  db: string;
  media: string;
  serviceUrl: string;
  prompts: number;
  killAtWrite?: number;
}

const args = JSON.parse(process.argv[2]!) as ChildArgs;
process.env.KILL_TEST_KEY = 'sk-kill-test';
const set: PromptSet = {
  id: 'kill',
  version: 1,
  title: 'Kill test',
  description: '',
  license: 'CC0',
  prompts: Array.from({ length: args.prompts }, (_, i) => ({
    id: `p${i}`,
    category: 'c',
    tags: [],
    text: { en: `prompt ${i}` },
    modality: 'image' as const,
  })),
};
const clock = { now: () => Date.now(), sleep: systemClock.sleep };
const generators = [
  createOpenAIImagesGenerator({
    id: 'oa',
    type: 'openai-images',
    model: 'm',
    baseUrl: `${args.serviceUrl}/v1`,
    apiKeyEnv: 'KILL_TEST_KEY',
    pricePerRequestUsd: 0.04,
  }),
  createAsyncJobGenerator(
    {
      id: 'rep',
      type: 'async-job',
      preset: 'replicate',
      model: 'acme/flux',
      baseUrl: `${args.serviceUrl}/v1`,
      apiKeyEnv: 'KILL_TEST_KEY',
      pollIntervalMs: 10,
    },
    { clock },
  ),
];

const store = await openSqliteStore(args.db);
let writes = 0;
const afterWrite = () => {
  if (++writes === args.killAtWrite) process.kill(process.pid, 'SIGKILL');
};
const open = store.openLedgerEntry.bind(store);
const update = store.updateLedgerEntry.bind(store);
store.openLedgerEntry = async (entry) => {
  const id = await open(entry);
  afterWrite();
  return id;
};
store.updateLedgerEntry = async (id, change) => {
  await update(id, change);
  afterWrite();
};

const prompts = set.prompts;
const planned = planGenerations({ sets: [{ set, prompts }], generators, languages: ['en'], samples: 1, seed: 7 });
await store.putPromptSet(set, 'kill');
await store.openRun('kill', {});
await store.planGenerations('kill', planned);
await releaseDeadClaims(store, 'kill');
await generateAll({
  store,
  media: new FolderMediaStore(args.media),
  probe: mediaProbe,
  generators: new Map(generators.map((g) => [g.id, g])),
  prompts: new Map(prompts.map((p) => [`kill/${p.id}`, p])),
  planned,
  scheduler: SchedulerSchema.parse({ concurrency: 2, baseDelayMs: 5, maxDelayMs: 20 }),
  owner: `${(await import('node:os')).hostname()}:${process.pid}`,
  stop: new AbortController().signal,
  abort: new AbortController().signal,
  clock,
  random: Math.random,
});
await store.close();
process.stdout.write(JSON.stringify({ writes }));
