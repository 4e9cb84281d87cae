import type { LoadedConfig } from '../config/index.js';
import type { Generator, Store } from '../types/index.js';
import { budgetLine } from './cost-plan-text.js';
import { planRun } from './plan-command.js';

/**
 * `loupe run` with run.budgetUsd: the plan's estimate, generation and judging together, checked
 * against the budget before anything is sent. The refusal's message when it is over (at least
 * over, where part has no price); null when it fits or there is no budget.
 */
export async function overBudgetRefusal(
  loaded: LoadedConfig,
  store: Store,
  generators: Map<string, Generator>,
  retryFailed?: boolean,
): Promise<string | null> {
  if (loaded.config.run.budgetUsd === undefined) return null;
  const { plan, budget } = await planRun(loaded, store, generators, retryFailed);
  if (!budget || budget.fits) return null;
  return [
    `Not started: ${budgetLine(budget, plan.total)}`,
    'Nothing was sent. Raise run.budgetUsd, or plan less generation or judging (`loupe run --plan` shows the estimate per generator and judge).',
  ].join('\n');
}
