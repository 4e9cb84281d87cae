import { storeLabel, type LoadedConfig } from '../config/index.js';
import { checkBudget, planCosts, resolveRun, samplesText, type BudgetCheck, type CostPlan, type ResolvedRun } from '../run/index.js';
import type { Generator, Store } from '../types/index.js';
import { buildGenerators, loadConfigFile, openConfigStore } from './compose.js';
import { renderCostPlan } from './cost-plan-text.js';
import { judgeCosts, judgePlanLine, judgingEstimate, type JudgeCost } from './judges-cost.js';

export interface RunPlan {
  resolved: ResolvedRun;
  plan: CostPlan;
  judges: JudgeCost[];
  /** Generation and judging against run.budgetUsd; undefined without a budget. */
  budget: BudgetCheck | undefined;
}

/** What the config's run would make and judge, and what it would cost: read from the store, nothing written. */
export async function planRun(
  loaded: LoadedConfig,
  store: Store,
  generators: Map<string, Generator>,
  retryFailed?: boolean,
): Promise<RunPlan> {
  const resolved = await resolveRun(loaded, store, generators, { record: false });
  const plan = await planCosts({ store, planned: resolved.planned, generators, retryFailed });
  const judges = await judgeCosts(loaded, resolved, store);
  const budgetUsd = loaded.config.run.budgetUsd;
  const judging = judges.length > 0 ? judgingEstimate(judges) : null;
  return { resolved, plan, judges, budget: budgetUsd === undefined ? undefined : checkBudget(plan.total, budgetUsd, judging) };
}

/**
 * `loupe run --plan` (and `loupe generate --plan`): what the run would make and what it would
 * cost, before anything is sent. It reads the store and writes nothing to it: no run record, no
 * prompt set, no planned generation (opening a SQLite store that is not there yet creates it empty).
 */
export async function printPlan(options: { config: string; retryFailed?: boolean }): Promise<void> {
  const loaded = loadConfigFile(options.config);
  const { config } = loaded;
  const generators = buildGenerators(loaded);
  const store = await openConfigStore(loaded);
  try {
    const { resolved, plan, judges, budget } = await planRun(loaded, store, generators, options.retryFailed);
    const run = await store.getRun(config.run.id);
    const state = run ? `${run.status} in ${storeLabel(config.store)}` : 'not started';
    const sets = resolved.sets.map((s) => `${s.set.id}@${s.set.version} (${s.prompts.length})`).join(', ');
    console.log(
      `Plan of run "${config.run.id}" (${state}); nothing is sent. ${generators.size} generators; prompt sets ${sets}; languages ${config.languages.join('+')}; ${samplesText(config.samples)}.`,
    );
    console.log('');
    console.log(renderCostPlan(plan, budget));
    for (const j of judges) console.log(judgePlanLine(j));
  } finally {
    await store.close();
  }
}
