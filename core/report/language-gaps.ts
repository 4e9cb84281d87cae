import type { GenerationRecord } from '../types/index.js';

/** A prompt set that was not generated in every language the run asked for: its prompts have no text there. */
export interface LanguageGap {
  promptSetId: string;
  /** The run's languages. */
  asked: string[];
  /** Those the set's prompts were generated in. */
  made: string[];
}

/**
 * The sets of a run that lack a language it asked for, as English-only public suites do under
 * `languages: [zh, en]`: Loupe never machine-translates, so the report says where a language
 * comparison is not possible.
 */
export function languageGaps(generations: readonly GenerationRecord[], asked: readonly string[]): LanguageGap[] {
  const made = new Map<string, Set<string>>();
  for (const g of generations) made.set(g.promptSetId, (made.get(g.promptSetId) ?? new Set()).add(g.language));
  return [...made]
    .filter(([, langs]) => asked.some((l) => !langs.has(l)))
    .map(([promptSetId, langs]) => ({ promptSetId, asked: [...asked], made: asked.filter((l) => langs.has(l)) }))
    .sort((a, b) => (a.promptSetId < b.promptSetId ? -1 : 1));
}
