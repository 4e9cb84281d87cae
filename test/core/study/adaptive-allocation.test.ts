import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationData } from '../../../core/study/adaptive/allocation-data.js';
import { handOutNext } from '../../../core/study/adaptive/hand-out.js';
import { pickUnit } from '../../../core/study/adaptive/pick-unit.js';
import { rankingStatus, type RankingStatus } from '../../../core/study/adaptive/ranking-status.js';
import { simulateAllocation, type AllocationPlan } from '../../../core/study/adaptive/simulate-allocation.js';
import { StudyCreateSchema } from '../../../core/types/study-request.js';
import { makeFixture, type Fixture } from '../../rater-ui/study-fixture.js';

const WORLD = {
  quality: { ahead: 4.4, 'close-a': 3.2, 'close-b': 3.0 },
  prompts: 30,
  raters: 10,
  difficulty: 0.5,
  interaction: 0.2,
  raterBias: 0.2,
  noise: 0.8,
  seed: 7,
};
const PLAN: AllocationPlan = { strategy: 'adaptive', floor: 2, budget: 600, tolerance: 0.1, recomputeEvery: 10, iterations: 100 };

describe('adaptive allocation of a simulated study', () => {
  it('gives every item its floor and spends most of the rest on the close pair', () => {
    const o = simulateAllocation(WORLD, PLAN);
    const floor = WORLD.prompts * PLAN.floor;
    const extra = Object.fromEntries(Object.entries(o.perGenerator).map(([g, n]) => [g, n - floor]));
    expect(Object.values(extra).every((n) => n >= 0)).toBe(true);
    const total = extra.ahead! + extra['close-a']! + extra['close-b']!;
    expect(total).toBeGreaterThan(0);
    expect(extra['close-a']! + extra['close-b']!).toBeGreaterThan(0.8 * total);
    // Uniform allocation of the same world spreads its ratings evenly (within one round).
    const uniform = simulateAllocation(WORLD, { ...PLAN, strategy: 'uniform' });
    const counts = Object.values(uniform.perGenerator);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(WORLD.prompts);
  });
});

describe('pickUnit', () => {
  const units = ['a', 'b', 'c'].flatMap((g) => ['p1', 'p2'].map((p) => ({ id: `${g}/${p}`, generators: [g], prompt: p })));
  const status = (undecided: [string, string][]): RankingStatus => ({
    decided: undecided.length === 0,
    dimensions: [
      {
        dimension: 'realism',
        unrated: [],
        strength: null,
        pairs: undecided.map(([ahead, behind]) => ({ ahead, behind, difference: 0.2, low: -0.1, high: 0.5, status: 'undecided' as const })),
      },
    ],
  });
  const data = { units, observations: { mode: 'likert' as const, scores: [] }, holders: new Map<string, Set<string>>() };

  it('picks only units of generators in an undecided pair, never one the rater holds', () => {
    const held = new Set(['b/p1']);
    const picked = pickUnit(data, status([['b', 'c']]), { held, seed: 's' });
    expect(['b/p2', 'c/p1', 'c/p2']).toContain(picked!.id);
    expect(pickUnit(data, status([['b', 'c']]), { held: new Set(['b/p1', 'b/p2', 'c/p1', 'c/p2']), seed: 's' })).toBeNull();
    expect(pickUnit(data, status([]), { held: new Set(), seed: 's' })).toBeNull();
  });

  it('matches arena pairs by how uncertain their outcome is', () => {
    const pairs = [
      { id: 'a|b', generators: ['a', 'b'], prompt: 'p1' },
      { id: 'b|c', generators: ['b', 'c'], prompt: 'p1' },
    ];
    const arena: RankingStatus = {
      decided: false,
      dimensions: [
        {
          dimension: 'realism',
          unrated: [],
          // a beats b nine times in ten; b and c are an even match.
          strength: { a: Math.log(9), b: 0, c: 0 },
          pairs: [
            { ahead: 'a', behind: 'b', difference: 300, low: -10, high: 600, status: 'undecided' },
            { ahead: 'b', behind: 'c', difference: 0, low: -50, high: 50, status: 'undecided' },
          ],
        },
      ],
    };
    const picked = pickUnit({ units: pairs, observations: { mode: 'pairwise', votes: [] }, holders: new Map() }, arena, {
      held: new Set(),
      seed: 's',
    });
    expect(picked!.id).toBe('b|c');
  });
});

describe('handOutNext on a SQLite store', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.cleanup());

  it('refuses a budget below the floor alone, and names the field of a bad adaptive setting', async () => {
    // run-img has 8 items: a floor of 2 needs 16 ratings before any adaptive one.
    await expect(f.study({ id: 'too-small', adaptive: { floor: 2, budget: 15, tolerance: 0.1, recomputeEvery: 10 } })).rejects.toThrow(
      /adaptive.budget 15 is below the floor alone: 8 items x adaptive.floor 2 = 16/,
    );
    expect(await f.store.getStudy('too-small')).toBeUndefined();
    const bad = StudyCreateSchema.safeParse({ runId: 'run-img', adaptive: { floor: 0, budget: 10 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['adaptive', 'floor']);
    const missing = StudyCreateSchema.safeParse({ runId: 'run-img', adaptive: { floor: 2 } });
    expect(missing.error!.issues[0]!.path).toEqual(['adaptive', 'budget']);
  });

  it('gives out no more than the budget when every rater asks at once', async () => {
    const s = await f.study({
      id: 'race',
      raters: 8,
      goldRate: 0,
      repeatRate: 0,
      adaptive: { floor: 1, budget: 11, tolerance: 0.1, recomputeEvery: 1 },
    });
    const generations = new Map((await f.store.listGenerations({ runId: 'run-img' })).map((g) => [g.key, g]));
    const data = allocationData('likert', await f.store.listAssignments({ studyId: 'race' }), [], generations);
    const state = { data, status: rankingStatus(data.observations, ['gen-alpha-7f3q', 'gen-beta-9k2w'], { tolerance: 0.1 }) };
    // All eight read the study before any of them writes: only the store's compare-and-swap keeps them within the budget.
    const outcomes = await Promise.all(s.raters.map((_, i) => handOutNext(f.store, 'race', `r${i + 1}`, state)));
    expect(outcomes.filter((o) => o.kind === 'added')).toHaveLength(3);
    expect(outcomes.filter((o) => o.kind === 'stopped' && o.reason === 'budget')).toHaveLength(5);
    const normal = (await f.store.listAssignments({ studyId: 'race' })).filter((a) => a.kind === 'normal');
    expect(normal).toHaveLength(11);
    for (const r of new Set(normal.map((a) => a.raterId))) {
      const mine = normal.filter((a) => a.raterId === r).map((a) => a.item);
      expect(new Set(mine).size).toBe(mine.length);
    }
  });
});
