import { mulberry32, seedFromString } from '../../types/index.js';
import type { AllocationData, AllocationUnit, Observations } from './allocation-data.js';
import type { RankingStatus } from './ranking-status.js';

export interface PickOptions {
  /** Units the rater holds already: never handed out to them again. */
  held: ReadonlySet<string>;
  /** Draws among equally useful units. */
  seed: string;
}

/**
 * The unit a rater should rate next, or null when none of those they lack would help decide the
 * ranking. A unit's use is the number of undecided neighbouring pairs (over the dimensions) its
 * generators are part of, for arena pairs weighted by how uncertain their outcome is (4·p·(1-p)
 * from the Bradley-Terry strengths: an even match counts 1), divided by 1 + its raters so far, so
 * that a generator's prompts fill up evenly and its mean stays a mean over prompts. Among equals,
 * the prompt where the generator differs most from its undecided neighbours goes first.
 */
export function pickUnit(
  data: Pick<AllocationData, 'units' | 'observations' | 'holders'>,
  status: RankingStatus,
  o: PickOptions,
): AllocationUnit | null {
  const undecided = status.dimensions.map((d) => ({
    pairs: d.pairs.filter((p) => p.status === 'undecided').map((p) => [p.ahead, p.behind] as const),
    unrated: new Set(d.unrated),
    strength: d.strength,
    dimension: d.dimension,
  }));
  const meanAt = promptMeans(data.observations);
  const random = mulberry32(seedFromString(o.seed));
  let best: { unit: AllocationUnit; use: number; spread: number; tie: number } | null = null;
  for (const unit of data.units) {
    if (o.held.has(unit.id)) continue;
    let need = 0;
    let differs = 0;
    for (const d of undecided) {
      if (unit.generators.some((g) => d.unrated.has(g))) need += 1;
      for (const [a, b] of d.pairs) {
        if (unit.generators.length === 1) {
          const g = unit.generators[0]!;
          if (g !== a && g !== b) continue;
          need += 1;
          differs = Math.max(differs, Math.abs(meanAt(d.dimension, a, unit.prompt) - meanAt(d.dimension, b, unit.prompt)) || 0);
        } else if (unit.generators.includes(a) && unit.generators.includes(b)) {
          need += d.strength ? evenness(d.strength[a] ?? 0, d.strength[b] ?? 0) : 1;
        }
      }
    }
    // No status to go by (no rating yet, or the floor not rated through): every unit is worth as much as any other.
    if (status.dimensions.length === 0) need = 1;
    if (need === 0) continue;
    const candidate = { unit, use: need / (1 + (data.holders.get(unit.id)?.size ?? 0)), spread: differs, tie: random() };
    if (!best || better(candidate, best)) best = candidate;
  }
  return best?.unit ?? null;
}

function better(x: { use: number; spread: number; tie: number }, y: { use: number; spread: number; tie: number }): boolean {
  if (x.use !== y.use) return x.use > y.use;
  if (x.spread !== y.spread) return x.spread > y.spread;
  return x.tie > y.tie;
}

/** 4·p·(1-p) for p = the chance that one beats the other under Bradley-Terry: 1 for an even match, near 0 for a foregone one. */
function evenness(logA: number, logB: number): number {
  const p = 1 / (1 + Math.exp(logB - logA));
  return 4 * p * (1 - p);
}

/** A generator's mean on one prompt and dimension (NaN where it has no rating there yet). */
function promptMeans(observations: Observations): (dimension: string, generator: string, prompt: string) => number {
  const sums = new Map<string, [number, number]>();
  if (observations.mode === 'likert')
    for (const r of observations.scores) {
      const k = `${r.dimension}\u0000${r.generator}\u0000${r.prompt}`;
      const s = sums.get(k) ?? [0, 0];
      s[0] += r.score;
      s[1]++;
      sums.set(k, s);
    }
  return (dimension, generator, prompt) => {
    const s = sums.get(`${dimension}\u0000${generator}\u0000${prompt}`);
    return s ? s[0] / s[1] : NaN;
  };
}
