import type { SetSummary } from '../../prompts/index.js';

const pairs = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

export function formatSetTable(sets: readonly SetSummary[]): string {
  return sets
    .map(
      (s) =>
        `${`${s.id} v${s.version}`.padEnd(22)} ${String(s.prompts).padStart(4)} prompts  [${s.source}] ${s.title}\n${' '.repeat(23)}categories: ${pairs(s.categories)}\n${s.dimensions ? `${' '.repeat(23)}dimensions: ${pairs(s.dimensions)}\n` : ''}${' '.repeat(23)}languages: ${pairs(s.languages)}; modality: ${pairs(s.modalities)}${s.samples ? `; ${s.samples} samples per prompt` : ''}${s.upstream ? `\n${' '.repeat(23)}from ${s.upstream.repository}@${s.upstream.commit.slice(0, 7)}, ${s.license}` : ''}`,
    )
    .join('\n');
}
