import type { GenerationState, Generator, Modality, PlannedGeneration, Store } from '../types/index.js';
import { needsWork } from './generate.js';

/** Counts and money of a group of planned generations (a generator, a prompt set, or all). */
export interface CostLine {
  planned: number;
  done: number;
  /** Failed in a way a resume does not retry (refused, bad request...), unless `--retry-failed`. */
  failedForGood: number;
  toMake: number;
  /** What the generations to make are expected to cost, counting only those with a price. */
  estimateUsd: number;
  /** Generations to make whose generator gives no price: the estimate is a lower bound when any. */
  unpriced: number;
  /** The stored cost of the done ones. */
  spentUsd: number;
  /** Done generations with no stored cost (the service reported none and the config gave no price). */
  spentUnknown: number;
}

export interface GeneratorCostLine extends CostLine {
  id: string;
  type: string;
  /** The price of one request for each modality this generator is planned for; undefined: no price. */
  prices: { modality: Modality; usd: number | undefined }[];
}

export interface CostPlan {
  generators: GeneratorCostLine[];
  promptSets: (CostLine & { id: string; version: number })[];
  total: CostLine;
}

/** A line with nothing planned, spent or priced. */
export const emptyCostLine = (): CostLine => ({
  planned: 0,
  done: 0,
  failedForGood: 0,
  toMake: 0,
  estimateUsd: 0,
  unpriced: 0,
  spentUsd: 0,
  spentUnknown: 0,
});

/**
 * What a run's plan will cost, before anything is sent: each planned generation is looked up by
 * its key, all in one read (read only; done work from any run is reused and not paid again) and what is left to
 * make is priced by its generator's `estimateCostUsd`.
 */
export async function planCosts(options: {
  store: Store;
  planned: readonly PlannedGeneration[];
  generators: ReadonlyMap<string, Generator>;
  retryFailed?: boolean;
}): Promise<CostPlan> {
  const { store, planned, generators } = options;
  const states = await store.generationStates(planned.map((p) => p.key));
  const byGenerator = new Map<string, GeneratorCostLine>();
  const bySet = new Map<string, CostLine & { id: string; version: number }>();
  const total = emptyCostLine();
  for (const generator of generators.values())
    byGenerator.set(generator.id, { id: generator.id, type: generator.type, prices: [], ...emptyCostLine() });
  planned.forEach((item) => {
    const generator = generators.get(item.generatorId)!;
    const line = byGenerator.get(item.generatorId)!;
    if (!line.prices.some((p) => p.modality === item.modality))
      line.prices.push({ modality: item.modality, usd: generator.estimateCostUsd?.(item.modality) });
    const setKey = `${item.promptSetId}@${item.promptSetVersion}`;
    if (!bySet.has(setKey)) bySet.set(setKey, { id: item.promptSetId, version: item.promptSetVersion, ...emptyCostLine() });
    const price = line.prices.find((p) => p.modality === item.modality)!.usd;
    for (const target of [line, bySet.get(setKey)!, total]) count(target, states.get(item.key), price, options.retryFailed ?? false);
  });
  return { generators: [...byGenerator.values()], promptSets: [...bySet.values()], total };
}

function count(line: CostLine, record: GenerationState | undefined, price: number | undefined, retryFailed: boolean): void {
  line.planned++;
  if (record?.status === 'done') {
    line.done++;
    if (record.costUsd === null) line.spentUnknown++;
    else line.spentUsd += record.costUsd;
  } else if (!needsWork(record, retryFailed)) {
    line.failedForGood++;
  } else {
    line.toMake++;
    if (price === undefined) line.unpriced++;
    else line.estimateUsd += price;
  }
}

/** What the run's judges would cost (`loupe run --plan`'s judge lines together). */
export interface JudgingEstimate {
  usd: number;
  /** Some judge calls have no price yet: the true sum is higher. */
  unpriced: boolean;
}

export interface BudgetCheck {
  budgetUsd: number;
  /** The judges' part of the committed sum; null when the run has no judge metric. */
  judging: JudgingEstimate | null;
  /** Spent plus the estimate to make, plus the judging estimate. */
  committedUsd: number;
  /** Some generations or judge calls to make have no price, or some done ones no stored cost: the true sum is higher. */
  lowerBound: boolean;
  fits: boolean;
  /** How far the committed sum is over the budget (0 when it fits), or under it. */
  overUsd: number;
  spareUsd: number;
}

/** The plan's total against a budget: what is spent, what is still to make and what judging it costs, together. */
export function checkBudget(total: CostLine, budgetUsd: number, judging: JudgingEstimate | null = null): BudgetCheck {
  const committedUsd = total.spentUsd + total.estimateUsd + (judging?.usd ?? 0);
  // Float noise (0.1 + 0.2 > 0.3) must not turn "exactly the budget" into "over".
  const fits = committedUsd <= budgetUsd + 1e-9;
  return {
    budgetUsd,
    judging,
    committedUsd,
    lowerBound: total.unpriced > 0 || total.spentUnknown > 0 || (judging?.unpriced ?? false),
    fits,
    overUsd: fits ? 0 : committedUsd - budgetUsd,
    spareUsd: fits ? Math.max(0, budgetUsd - committedUsd) : 0,
  };
}
