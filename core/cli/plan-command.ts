import { storeLabel } from '../config/index.js';
import { checkBudget, planCosts, resolveRun, samplesText } from '../run/index.js';
import { buildGenerators, loadConfigFile, openConfigStore } from './compose.js';
import { renderCostPlan } from './cost-plan-text.js';
import { judgePlanLine } from './judges-cost.js';

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
    const resolved = await resolveRun(loaded, store, generators, { record: false });
    const plan = await planCosts({ store, planned: resolved.planned, generators, retryFailed: options.retryFailed });
    const run = await store.getRun(config.run.id);
    const state = run ? `${run.status} in ${storeLabel(config.store)}` : 'not started';
    const sets = resolved.sets.map((s) => `${s.set.id}@${s.set.version} (${s.prompts.length})`).join(', ');
    console.log(
      `Plan of run "${config.run.id}" (${state}); nothing is sent. ${generators.size} generators; prompt sets ${sets}; languages ${config.languages.join('+')}; ${samplesText(config.samples)}.`,
    );
    console.log('');
    const budget = config.run.budgetUsd === undefined ? undefined : checkBudget(plan.total, config.run.budgetUsd);
    console.log(renderCostPlan(plan, budget));
    const judged = await judgePlanLine(loaded, resolved, store);
    if (judged) console.log(judged);
  } finally {
    await store.close();
  }
}
