import { groupBy } from '../analysis/index.js';
import type { GenerationRecord } from '../types/index.js';

/** What the done generations of a group cost, from their stored `costUsd`. */
export interface SpendLine {
  done: number;
  costUsd: number;
  /** Done generations with no stored cost (the service reported none and the config gave no price): costUsd is then a lower bound. */
  costUnknown: number;
}

export interface Spend extends SpendLine {
  byPromptSet: (SpendLine & { promptSet: string })[];
  byGeneratorAndPromptSet: (SpendLine & { generatorId: string; promptSet: string })[];
}

/** `counting@1`: a prompt set as the spend tables name it. */
export const promptSetLabel = (g: Pick<GenerationRecord, 'promptSetId' | 'promptSetVersion'>) => `${g.promptSetId}@${g.promptSetVersion}`;

/** The spend of some generations: only done ones count (a failed request is recorded without a cost). */
export function spendLine(generations: readonly GenerationRecord[]): SpendLine {
  const done = generations.filter((g) => g.status === 'done');
  return {
    done: done.length,
    // Summed to a billionth of a dollar, so that 0.1 + 0.2 reads 0.3 in the JSON and CSV.
    costUsd: Math.round(done.reduce((a, g) => a + (g.costUsd ?? 0), 0) * 1e9) / 1e9,
    costUnknown: done.filter((g) => g.costUsd === null).length,
  };
}

/** A run's spend in all, per prompt set and per generator and prompt set (per generator alone is in each generator's summary). */
export function buildSpend(generations: readonly GenerationRecord[]): Spend {
  const bySet = groupBy(generations, promptSetLabel);
  const sets = [...bySet.keys()];
  return {
    ...spendLine(generations),
    byPromptSet: [...bySet].map(([promptSet, own]) => ({ promptSet, ...spendLine(own) })),
    byGeneratorAndPromptSet: [...groupBy(generations, (g) => g.generatorId)].flatMap(([generatorId, gens]) => {
      const own = groupBy(gens, promptSetLabel);
      return sets.flatMap((promptSet) => (own.has(promptSet) ? [{ generatorId, promptSet, ...spendLine(own.get(promptSet)!) }] : []));
    }),
  };
}
