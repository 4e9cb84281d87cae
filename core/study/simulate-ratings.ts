import { mulberry32, seedFromString, DIMENSIONS } from '../types/index.js';

/** A generation to be rated: `unit` is what generators share (a prompt in one language). */
export interface SimItem {
  key: string;
  generatorId: string;
  unit: string;
  /** The item's own latent opinion per dimension on 1-5 (see knob-opinions.ts); without it, the generator's `quality` on every dimension. */
  opinion?: Readonly<Record<string, number>>;
}

export type SimRaterKind = 'honest' | 'straight' | 'random';

export interface SimulationOptions {
  seed?: number;
  dimensions?: readonly string[];
  /** Latent quality per generator on the 1-5 scale; generators not named get 3. */
  quality: Record<string, number>;
  honestRaters?: number;
  /** Bad raters to add: one who always answers 3, one who answers at random (both by default). */
  badRaters?: readonly Exclude<SimRaterKind, 'honest'>[];
  /** Standard deviations of a rater's noise, an item's own effect and a rater's bias. */
  noise?: number;
  itemSpread?: number;
  raterBias?: number;
  /** Items each rater sees a second time, to measure self-consistency. */
  repeats?: number;
}

export interface SimAssignment {
  id: string;
  raterId: string;
  item: string;
  position: number;
  kind: 'normal' | 'repeat';
}

export interface SimRating {
  assignmentId: string;
  raterId: string;
  dimension: string;
  value: number;
}

export interface Simulation {
  raters: { id: string; kind: SimRaterKind }[];
  assignments: SimAssignment[];
  ratings: SimRating[];
  /** The latent quality of every item (its mean over dimensions where it has an opinion), the truth the analysis should recover. */
  latent: Record<string, number>;
}

export function normal(random: () => number): number {
  // Box-Muller; 1 - u keeps the log away from zero.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Seeded ratings for a run's generations from latent per-generator quality: every rater rates
 * every item on every dimension, honest raters with a personal bias and noise, bad raters as
 * asked. Pure: the caller writes the result wherever it wants.
 */
export function simulateRatings(items: readonly SimItem[], options: SimulationOptions): Simulation {
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const dims = options.dimensions ?? DIMENSIONS;
  const unitEffect = new Map<string, number>();
  const latent: Record<string, number> = {};
  const own = new Map<string, { opinion: Readonly<Record<string, number>>; effect: number }>();
  for (const item of items) {
    const key = `${item.generatorId}|${item.unit}`;
    if (!unitEffect.has(key)) unitEffect.set(key, normal(random) * (options.itemSpread ?? 0.5));
    const effect = unitEffect.get(key)!;
    if (item.opinion) own.set(item.key, { opinion: item.opinion, effect });
    const base = item.opinion ? dims.reduce((a, d) => a + item.opinion![d]!, 0) / dims.length : (options.quality[item.generatorId] ?? 3);
    latent[item.key] = base + effect;
  }
  const raters = [
    ...Array.from({ length: options.honestRaters ?? 6 }, (_, i) => ({
      id: `rater-${String(i + 1).padStart(2, '0')}`,
      kind: 'honest' as SimRaterKind,
    })),
    ...(options.badRaters ?? ['straight', 'random']).map((kind) => ({ id: `rater-${kind}`, kind: kind as SimRaterKind })),
  ];
  const assignments: SimAssignment[] = [];
  const ratings: SimRating[] = [];
  for (const rater of raters) {
    const bias = normal(random) * (options.raterBias ?? 0.2);
    const order = shuffle(
      items.map((i) => i.key),
      mulberry32(seedFromString(`${seed}/${rater.id}`)),
    );
    const repeats = order.slice(0, Math.min(options.repeats ?? 2, order.length));
    [...order, ...repeats].forEach((item, position) => {
      const id = `${rater.id}/${position}`;
      assignments.push({ id, raterId: rater.id, item, position, kind: position >= order.length ? 'repeat' : 'normal' });
      for (const [d, dimension] of dims.entries()) {
        // An item with an opinion per dimension shares its own effect across them; without one, dimensions differ a little.
        const o = own.get(item);
        const truth = o
          ? o.opinion[dimension]! + o.effect
          : latent[item]! + (d === 0 ? 0 : 0.15 * Math.sin(seedFromString(`${item}/${dimension}`)));
        const value =
          rater.kind === 'straight'
            ? 3
            : rater.kind === 'random'
              ? 1 + Math.floor(random() * 5)
              : Math.round(Math.min(5, Math.max(1, truth + bias + normal(random) * (options.noise ?? 0.6))));
        ratings.push({ assignmentId: id, raterId: rater.id, dimension, value });
      }
    });
  }
  return { raters, assignments, ratings, latent };
}

/** Three demonstration metrics for a simulated study: one that follows quality, one reversed, one unrelated. */
export function simulateMetricScores(
  latent: Record<string, number>,
  seed = 1,
): Record<'sim-good' | 'sim-reversed' | 'sim-unrelated', Record<string, number>> {
  const random = mulberry32(seed + 7919);
  const out = {
    'sim-good': {} as Record<string, number>,
    'sim-reversed': {} as Record<string, number>,
    'sim-unrelated': {} as Record<string, number>,
  };
  for (const [key, q] of Object.entries(latent)) {
    out['sim-good'][key] = 0.2 + 0.12 * q + 0.05 * normal(random);
    out['sim-reversed'][key] = 1 - 0.15 * q + 0.05 * normal(random);
    out['sim-unrelated'][key] = random();
  }
  return out;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
