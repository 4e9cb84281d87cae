import { countBucket } from '../../analysis/index.js';
import { promptIndex } from '../../study/index.js';
import type { GenerationRecord, Store } from '../../types/index.js';
import type { PromptFacts } from './verdict-breakdowns.js';

/** The counting bucket and the text request of every prompt the run generated, by `set/prompt id`. */
export async function promptFacts(store: Store, generations: readonly GenerationRecord[]): Promise<Map<string, PromptFacts>> {
  const prompts = await promptIndex(store, generations);
  return new Map(
    [...prompts].map(([key, p]) => [
      key,
      { count: countBucket(p.tags, p.expect?.count?.n) as PromptFacts['count'], text: Boolean(p.expect?.text) },
    ]),
  );
}
