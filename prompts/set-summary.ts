import type { PromptSet } from '../core/types/index.js';

/** What `loupe prompts list` shows of a set: its counts per category, language, modality and VBench dimension. */
export interface SetSummary {
  id: string;
  version: number;
  title: string;
  source: string;
  prompts: number;
  categories: Record<string, number>;
  languages: Record<string, number>;
  modalities: Record<string, number>;
  /** Listings per `dimension:` tag (VBench): a prompt under several dimensions counts in each. */
  dimensions?: Record<string, number>;
  license: string;
  upstream?: PromptSet['upstream'];
  samples?: number;
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

export function describeSet(set: PromptSet, source: string): SetSummary {
  const dimensions = set.prompts.flatMap((p) => p.tags.filter((t) => t.startsWith('dimension:')).map((t) => t.slice('dimension:'.length)));
  return {
    id: set.id,
    version: set.version,
    title: set.title,
    source,
    prompts: set.prompts.length,
    categories: count(set.prompts.map((p) => p.category)),
    languages: count(set.prompts.flatMap((p) => Object.keys(p.text))),
    modalities: count(set.prompts.map((p) => p.modality)),
    ...(dimensions.length > 0 ? { dimensions: count(dimensions) } : {}),
    license: set.license,
    ...(set.upstream ? { upstream: set.upstream } : {}),
    ...(set.samples ? { samples: set.samples } : {}),
  };
}
