import { mulberry32, seedFromString } from '../../types/index.js';
import { normal } from '../simulate-ratings.js';
import type { AllocationUnit, ScoreObservation } from './allocation-data.js';
import { pickUnit } from './pick-unit.js';
import { rankingStatus, type RankingStatus } from './ranking-status.js';

/** A study with known truth: generators' latent quality, a shared prompt difficulty, a generator x prompt effect, raters' bias and noise. */
export interface AllocationWorld {
  quality: Record<string, number>;
  prompts: number;
  raters: number;
  difficulty: number;
  interaction: number;
  raterBias: number;
  noise: number;
  seed: number;
}

export interface AllocationPlan {
  strategy: 'adaptive' | 'uniform';
  floor: number;
  budget: number;
  tolerance: number;
  recomputeEvery: number;
  iterations: number;
}

export interface AllocationOutcome {
  /** Ratings made when the stop rule held, or the budget when it never did. */
  ratings: number;
  decided: boolean;
  status: RankingStatus;
  /** Ratings per generator. */
  perGenerator: Record<string, number>;
  /**
   * Each generator's true MOS in this world: the expected rounded, clamped score over its prompts
   * and the raters, by Monte Carlo on a stream of its own (what infinitely many ratings would give).
   */
  truth: Record<string, number>;
}

const DIMENSION = 'text-image-consistency';

/**
 * Rates a simulated likert study on one dimension with the allocation the server uses: every
 * unit to `floor` raters (least-rated unit first, least-loaded rater who lacks it), then either
 * the same round-robin (uniform) or `pickUnit` for each rater in turn (adaptive), until
 * `rankingStatus` says decided (checked every `recomputeEvery` ratings) or the budget is spent.
 */
export function simulateAllocation(world: AllocationWorld, plan: AllocationPlan): AllocationOutcome {
  const random = mulberry32(world.seed);
  const generators = Object.keys(world.quality).sort();
  const prompts = Array.from({ length: world.prompts }, (_, i) => ({ id: `p${i}`, difficulty: normal(random) * world.difficulty }));
  const units: (AllocationUnit & { latent: number })[] = prompts.flatMap((p) =>
    generators.map((g) => ({
      id: `${g}/${p.id}`,
      generators: [g],
      prompt: p.id,
      latent: world.quality[g]! + p.difficulty + normal(random) * world.interaction,
    })),
  );
  const bias = Array.from({ length: world.raters }, () => normal(random) * world.raterBias);
  const holders = new Map(units.map((u) => [u.id, new Set<string>()]));
  const load = new Array<number>(world.raters).fill(0);
  const scores: ScoreObservation[] = [];
  const rate = (unit: (typeof units)[number], r: number) => {
    holders.get(unit.id)!.add(`r${r}`);
    load[r]!++;
    const score = Math.round(Math.min(5, Math.max(1, unit.latent + bias[r]! + normal(random) * world.noise)));
    scores.push({ unit: unit.id, generator: unit.generators[0]!, prompt: unit.prompt, rater: `r${r}`, dimension: DIMENSION, score });
  };
  const uniformNext = (): boolean => {
    const unit = units.reduce((a, u) => (holders.get(u.id)!.size < holders.get(a.id)!.size ? u : a));
    const free = load.map((n, r) => ({ n, r })).filter(({ r }) => !holders.get(unit.id)!.has(`r${r}`));
    if (free.length === 0) return false;
    rate(unit, free.reduce((a, x) => (x.n < a.n ? x : a)).r);
    return true;
  };
  while (scores.length < units.length * plan.floor) uniformNext();
  const status = () =>
    rankingStatus({ mode: 'likert', scores }, generators, { tolerance: plan.tolerance, iterations: plan.iterations, seed: world.seed });
  let current = status();
  let turn = 0;
  while (!current.decided && scores.length < plan.budget) {
    const before = scores.length;
    for (let step = 0; step < plan.recomputeEvery && scores.length < plan.budget; step++) {
      if (plan.strategy === 'uniform') {
        if (!uniformNext()) break;
        continue;
      }
      // Raters ask in turn; one who holds every useful unit is passed over.
      for (let tries = 0; tries < world.raters; tries++) {
        const r = turn++ % world.raters;
        const held = new Set(units.filter((u) => holders.get(u.id)!.has(`r${r}`)).map((u) => u.id));
        const unit = pickUnit({ units, observations: { mode: 'likert', scores }, holders }, current, {
          held,
          seed: `${world.seed}/${scores.length}/${r}`,
        });
        if (unit) {
          rate(
            units.find((u) => u.id === unit.id)!,
            r,
          );
          break;
        }
      }
    }
    if (scores.length === before) break;
    current = status();
  }
  const perGenerator = Object.fromEntries(generators.map((g) => [g, scores.filter((s) => s.generator === g).length]));
  return { ratings: scores.length, decided: current.decided, status: current, perGenerator, truth: truth(units, bias, world) };
}

const TRUTH_DRAWS = 100;

function truth(units: readonly { generators: readonly string[]; latent: number }[], bias: readonly number[], world: AllocationWorld) {
  const random = mulberry32(seedFromString(`${world.seed}/truth`));
  const sums = new Map<string, [number, number]>();
  for (const u of units) {
    const s = sums.get(u.generators[0]!) ?? [0, 0];
    for (const b of bias)
      for (let i = 0; i < TRUTH_DRAWS; i++) s[0] += Math.round(Math.min(5, Math.max(1, u.latent + b + normal(random) * world.noise)));
    s[1] += bias.length * TRUTH_DRAWS;
    sums.set(u.generators[0]!, s);
  }
  return Object.fromEntries([...sums].map(([g, [sum, n]]) => [g, sum / n]));
}
