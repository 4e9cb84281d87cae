import type { PairSweep } from './tie-calibration.js';
import { mulberry32 } from '../types/index.js';

export interface CrossValidated {
  /** acc_eq on held-out prompts, each fold scored at the epsilon chosen on the other folds; null with fewer than two folds or no held-out pair. */
  value: number | null;
  folds: number;
  /** The epsilon chosen on the other folds, for each fold (null where those folds have no pair). */
  epsilons: (number | null)[];
}

/**
 * Tie calibration without choosing epsilon on the data it is scored on: the units (prompts) are
 * shuffled with a seeded generator and dealt into `folds` folds; for each fold, epsilon is chosen
 * on the items of the other folds and acc_eq is taken on the fold's own items (pooled: pairs of
 * two held-out items; grouped: the fold's prompts). The folds' agreeing pairs and totals are
 * summed, so every held-out pair (or prompt) counts once.
 */
export function crossValidatedTies(
  sweep: PairSweep,
  unitOf: readonly number[],
  units: number,
  options: { folds?: number; seed?: number } = {},
): CrossValidated {
  const folds = Math.min(options.folds ?? 5, units);
  if (folds < 2) return { value: null, folds, epsilons: [] };
  const order = Array.from({ length: units }, (_, u) => u);
  const random = mulberry32(options.seed ?? 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const foldOf = new Array<number>(units);
  order.forEach((u, k) => (foldOf[u] = k % folds));
  let agree = 0;
  let total = 0;
  const epsilons: (number | null)[] = [];
  for (let f = 0; f < folds; f++) {
    const chosen = sweep.run(unitOf.map((u) => (foldOf[u] === f ? 0 : 1)));
    epsilons.push(chosen?.epsilon ?? null);
    if (!chosen) continue;
    const held = sweep.at(
      chosen.epsilon,
      unitOf.map((u) => (foldOf[u] === f ? 1 : 0)),
    );
    agree += held.agree;
    total += held.total;
  }
  return { value: total > 0 ? agree / total : null, folds, epsilons };
}
