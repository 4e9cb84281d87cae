// Adaptive against uniform allocation of ratings: npm run bench:allocation [-- --seeds 20 --prompts 80 --raters 12 --gap 0.2]
// Simulates likert studies with known truth (generators' latent quality, some close and some far;
// prompt difficulty; a generator x prompt effect; raters with bias and noise; scores rounded to
// 1-5) and rates each twice with core/study's `simulateAllocation`, which uses the server's own
// `pickUnit` and `rankingStatus`: both start with the same floor, then uniform gives the next
// rating to the least-rated item and adaptive to the item `pickUnit` chooses. Both stop when the
// stop rule holds (every neighbouring pair ordered or within the tolerance, checked every
// --every ratings) or the budget is spent; "ratings" is the count at that moment. A decision is
// wrong when a pair is ordered against the truth or called within the tolerance while the true
// gap exceeds it.
import { parseArgs } from 'node:util';
import { simulateAllocation, type AllocationOutcome, type AllocationPlan, type AllocationWorld } from '../core/study/index.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '20' },
    prompts: { type: 'string', default: '80' },
    raters: { type: 'string', default: '12' },
    floor: { type: 'string', default: '2' },
    'budget-per-item': { type: 'string', default: '10' },
    every: { type: 'string', default: '10' },
    /** The latent gap of the close pair. */
    gap: { type: 'string', default: '0.2' },
  },
});
const QUALITY = { 'far-ahead': 4.2, 'close-a': 3.45, 'close-b': 3.45 - Number(args.gap), low: 2.5, lowest: 1.9 };
const TOLERANCE = 0.1;
const prompts = Number(args.prompts);
const items = prompts * Object.keys(QUALITY).length;
const plan = (strategy: AllocationPlan['strategy']): AllocationPlan => ({
  strategy,
  floor: Number(args.floor),
  budget: items * Number(args['budget-per-item']),
  tolerance: TOLERANCE,
  recomputeEvery: Number(args.every),
  iterations: 200,
});

function wrong(o: AllocationOutcome): { decided: number; wrong: number } {
  let decided = 0;
  let bad = 0;
  for (const p of o.status.dimensions.flatMap((d) => d.pairs)) {
    if (p.status === 'undecided') continue;
    decided++;
    const gap = o.truth[p.ahead]! - o.truth[p.behind]!;
    if ((p.status === 'ordered' && gap < 0) || (p.status === 'within-tolerance' && Math.abs(gap) > TOLERANCE)) bad++;
  }
  return { decided, wrong: bad };
}

const totals = { uniform: { ratings: 0, decided: 0, wrong: 0, stopped: 0 }, adaptive: { ratings: 0, decided: 0, wrong: 0, stopped: 0 } };
console.log(`generators (latent quality): ${JSON.stringify(QUALITY)}; ${prompts} prompts, ${items} items, ${args.raters} raters`);
console.log(
  `floor ${args.floor} raters per item, budget ${plan('uniform').budget} ratings, tolerance ${TOLERANCE}, stop rule checked every ${args.every} ratings`,
);
console.log('seed  uniform(ratings, stop rule held, wrong/decided)  adaptive(...)  fewer');
for (let seed = 1; seed <= Number(args.seeds); seed++) {
  const world: AllocationWorld = {
    quality: QUALITY,
    prompts,
    raters: Number(args.raters),
    difficulty: 0.5,
    interaction: 0.25,
    raterBias: 0.2,
    noise: 0.8,
    seed,
  };
  const row: string[] = [String(seed).padStart(4)];
  const used: Record<string, number> = {};
  for (const strategy of ['uniform', 'adaptive'] as const) {
    const o = simulateAllocation(world, plan(strategy));
    const w = wrong(o);
    const t = totals[strategy];
    t.ratings += o.ratings;
    t.decided += w.decided;
    t.wrong += w.wrong;
    if (o.decided) t.stopped++;
    used[strategy] = o.ratings;
    row.push(`${strategy} ${String(o.ratings).padStart(5)} ${o.decided ? 'yes' : 'no '} ${w.wrong}/${w.decided}`);
  }
  row.push(`${(100 * (1 - used.adaptive! / used.uniform!)).toFixed(0)}%`);
  console.log(row.join('  '));
}
const n = Number(args.seeds);
for (const [name, t] of Object.entries(totals))
  console.log(
    `${name}: mean ${(t.ratings / n).toFixed(0)} ratings, stop rule held in ${t.stopped}/${n}, wrong decisions ${t.wrong}/${t.decided} (${((100 * t.wrong) / Math.max(1, t.decided)).toFixed(1)}%)`,
  );
console.log(
  `adaptive used ${(100 * (1 - totals.adaptive.ratings / totals.uniform.ratings)).toFixed(1)}% fewer ratings than uniform (ratio ${(totals.adaptive.ratings / totals.uniform.ratings).toFixed(2)})`,
);
