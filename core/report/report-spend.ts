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
  const sets = [...new Set(generations.map(promptSetLabel))];
  const generatorIds = [...new Set(generations.map((g) => g.generatorId))];
  return {
    ...spendLine(generations),
    byPromptSet: sets.map((promptSet) => ({ promptSet, ...spendLine(generations.filter((g) => promptSetLabel(g) === promptSet)) })),
    byGeneratorAndPromptSet: generatorIds.flatMap((generatorId) =>
      sets.flatMap((promptSet) => {
        const own = generations.filter((g) => g.generatorId === generatorId && promptSetLabel(g) === promptSet);
        return own.length ? [{ generatorId, promptSet, ...spendLine(own) }] : [];
      }),
    ),
  };
}
