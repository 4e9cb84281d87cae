import type { GenerationStatus, Store } from '../types/index.js';

export type GenerationTally = Record<GenerationStatus, number>;

/** A run's generations by generator and status, counted by the store (what every machine sees). */
export async function generationTally(store: Store, runId: string): Promise<Map<string, GenerationTally>> {
  const tally = new Map<string, GenerationTally>();
  for (const { generatorId, status, count } of await store.countGenerations(runId)) {
    let t = tally.get(generatorId);
    if (!t) tally.set(generatorId, (t = { done: 0, failed: 0, running: 0, pending: 0 }));
    t[status] += count;
  }
  return tally;
}

/** One line for a run's progress: `done 12, failed 1, running 3, pending 24 of 40`. */
export function tallyLine(tally: ReadonlyMap<string, GenerationTally>): string {
  const sum = { done: 0, failed: 0, running: 0, pending: 0 };
  for (const t of tally.values()) for (const k of Object.keys(sum) as GenerationStatus[]) sum[k] += t[k];
  const total = sum.done + sum.failed + sum.running + sum.pending;
  return `done ${sum.done}, failed ${sum.failed}, running ${sum.running}, pending ${sum.pending} of ${total}`;
}
