import { type LoadedConfig, type PromptSource } from '../config/index.js';
import { DataError, type Prompt, type PromptSet, type Store, seededShuffle } from '../types/index.js';
import { findBuiltinSet, readPromptSetFile } from '../../prompts/index.js';

export interface SelectedSet {
  set: PromptSet;
  /** The prompts of the set this run uses, after filters and sampling. */
  prompts: Prompt[];
}

/**
 * Finds each configured prompt set (built in, imported into the store, or a file), records
 * the exact version in the store (unless `record` is false: a plan that writes nothing), and
 * applies the category, id and sample filters.
 */
export async function resolvePromptSources(loaded: LoadedConfig, store: Store, options: { record?: boolean } = {}): Promise<SelectedSet[]> {
  const { config } = loaded;
  const selected: SelectedSet[] = [];
  for (const [i, source] of config.prompts.entries()) {
    const { set, origin } = await findSet(source, loaded, store, i);
    if (options.record ?? true) await store.putPromptSet(set, origin);
    selected.push({ set, prompts: filterPrompts(set, source, config.seed, loaded.file, i) });
  }
  return selected;
}

async function findSet(source: PromptSource, loaded: LoadedConfig, store: Store, i: number): Promise<{ set: PromptSet; origin: string }> {
  if (source.file !== undefined) {
    const file = loaded.resolvePath(source.file);
    return { set: readPromptSetFile(file, source.version ? { version: source.version } : {}), origin: file };
  }
  const id = source.set!;
  const builtin = findBuiltinSet(id);
  if (builtin && (source.version === undefined || source.version === builtin.set.version)) {
    return { set: builtin.set, origin: `builtin:${id}` };
  }
  const stored = await store.getPromptSet(id, source.version);
  if (stored) return { set: stored.set, origin: stored.source };
  const version = source.version === undefined ? '' : ` version ${source.version}`;
  throw DataError.one(loaded.file, {
    field: `prompts[${i}].set`,
    message: `no prompt set "${id}"${version}: not built in and not imported (see \`loupe prompts list\`, or \`loupe prompts import <file>\`)`,
  });
}

function filterPrompts(set: PromptSet, source: PromptSource, seed: number, file: string, i: number): Prompt[] {
  let prompts = set.prompts;
  if (source.categories) {
    const wanted = new Set(source.categories);
    prompts = prompts.filter((p) => wanted.has(p.category));
  }
  if (source.ids) {
    const byId = new Map(prompts.map((p) => [p.id, p]));
    const missing = source.ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw DataError.one(file, { field: `prompts[${i}].ids`, message: `not in set "${set.id}": ${missing.join(', ')}` });
    }
    prompts = source.ids.map((id) => byId.get(id)!);
  }
  if (prompts.length === 0) {
    throw DataError.one(file, { field: `prompts[${i}]`, message: `no prompt of set "${set.id}" is left after the filters` });
  }
  if (source.sample !== undefined && source.sample < prompts.length) {
    // Sampled with the run's seed so that every generator and every resume sees the same prompts.
    prompts = seededShuffle(prompts, `${seed}:${set.id}:${set.version}`).slice(0, source.sample);
  }
  return prompts;
}
