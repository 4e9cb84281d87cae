import { type LoadedConfig, storedConfig } from '../config/index.js';
import { type Generator, type Prompt, type PlannedGeneration, type RunRecord, type Store } from '../types/index.js';
import { promptKey } from './generate.js';
import { planGenerations } from './plan.js';
import { resolvePromptSources, type SelectedSet } from './resolve-prompts.js';

export interface PreparedRun {
  run: RunRecord;
  resumed: boolean;
  sets: SelectedSet[];
  generators: Map<string, Generator>;
  prompts: Map<string, Prompt>;
  planned: PlannedGeneration[];
}

export type ResolvedRun = Omit<PreparedRun, 'run' | 'resumed'>;

/**
 * Resolves the prompts and plans the generations of the config's generators (built by the CLI,
 * by config id), without touching the run record (queue workers). With `record: false` it writes
 * nothing at all, not even the prompt sets (`loupe run --plan`).
 */
export async function resolveRun(
  loaded: LoadedConfig,
  store: Store,
  generators: Map<string, Generator>,
  options: { record?: boolean } = {},
): Promise<ResolvedRun> {
  const { config } = loaded;
  const sets = await resolvePromptSources(loaded, store, options);
  const planned = planGenerations({
    sets,
    generators: [...generators.values()],
    languages: config.languages,
    samples: config.samples,
    seed: config.seed,
  });
  const prompts = new Map(sets.flatMap(({ set }) => set.prompts.map((p) => [promptKey(set.id, p.id), p] as const)));
  return { sets, generators, prompts, planned };
}

/** Resolves prompts, opens (or resumes) the run and records its plan (unless `plan` is false: a placeholder run being reported). */
export async function prepareRun(
  loaded: LoadedConfig,
  store: Store,
  generators: Map<string, Generator>,
  options: { plan?: boolean } = {},
): Promise<PreparedRun> {
  const resolved = await resolveRun(loaded, store, generators);
  const { run, resumed } = await store.openRun(loaded.config.run.id, storedConfig(loaded.config, generators));
  if (options.plan ?? true) await store.planGenerations(run.id, resolved.planned);
  return { run, resumed, ...resolved };
}
