import type { PromptSet } from '../types/index.js';

export interface SetSummary {
  id: string;
  version: number;
  title: string;
  source: string;
  prompts: number;
  categories: Record<string, number>;
  languages: Record<string, number>;
  modalities: Record<string, number>;
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

export function describeSet(set: PromptSet, source: string): SetSummary {
  return {
    id: set.id,
    version: set.version,
    title: set.title,
    source,
    prompts: set.prompts.length,
    categories: count(set.prompts.map((p) => p.category)),
    languages: count(set.prompts.flatMap((p) => Object.keys(p.text))),
    modalities: count(set.prompts.map((p) => p.modality)),
  };
}

const pairs = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

export function formatSetTable(sets: readonly SetSummary[]): string {
  return sets
    .map(
      (s) =>
        `${`${s.id} v${s.version}`.padEnd(22)} ${String(s.prompts).padStart(4)} prompts  [${s.source}] ${s.title}\n${' '.repeat(23)}categories: ${pairs(s.categories)}\n${' '.repeat(23)}languages: ${pairs(s.languages)}; modality: ${pairs(s.modalities)}`,
    )
    .join('\n');
}
