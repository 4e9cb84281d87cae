import { percentileInterval } from './bootstrap.js';

export interface Ranked {
  id: string;
  /** The point estimate (MOS, metric mean, Elo) and its own interval, shown beside the rank. */
  mean: number;
  low: number | null;
  high: number | null;
}

export interface RankRange extends Ranked {
  /** Best and worst rank this entry can claim; equal when its place is clear. */
  best: number;
  worst: number;
  /** "1", or "2–4" when the order among several is within the noise. */
  label: string;
}

export interface RankOptions {
  /** A point difference must exceed this to count (0.1 on the 5-point scale: a lab's advice is that less is noise). */
  tolerance?: number;
  level?: number;
  /** For a metric where lower is better, the lowest mean ranks first. */
  direction?: 'higher-is-better' | 'lower-is-better';
}

/**
 * Rank ranges from the joint bootstrap of pairwise differences. `replicates` holds, for every
 * entry, its statistic in each replicate of one bootstrap that resampled the same units (raters,
 * prompts, votes) for all entries; a difference is taken within each replicate, so what moves
 * every entry together (a harsh rater drawn twice) cancels out. A is clearly ahead of B when the
 * interval of A - B lies above zero and the point difference exceeds the tolerance. Best rank =
 * 1 + the number clearly ahead; worst rank = n - the number clearly behind.
 */
export function pairedRankRanges(
  entries: readonly Ranked[],
  replicates: ReadonlyMap<string, readonly number[]>,
  options: RankOptions = {},
): RankRange[] {
  const tolerance = options.tolerance ?? 0.1;
  const sign = options.direction === 'lower-is-better' ? -1 : 1;
  const reps = (id: string) => {
    const r = replicates.get(id);
    if (!r) throw new Error(`rank ranges: no bootstrap replicates for "${id}"`);
    return r;
  };
  const ahead = new Map<string, Set<string>>(entries.map((e) => [e.id, new Set()]));
  for (const a of entries)
    for (const b of entries) {
      if (a === b || sign * (a.mean - b.mean) <= tolerance) continue;
      const ra = reps(a.id);
      const rb = reps(b.id);
      if (ra.length !== rb.length) throw new Error(`rank ranges: "${a.id}" and "${b.id}" come from different bootstraps`);
      const low = percentileInterval(
        ra.map((x, i) => sign * (x - rb[i]!)),
        options.level,
      ).low;
      if (low !== null && low > 0) ahead.get(a.id)!.add(b.id);
    }
  const n = entries.length;
  return [...entries]
    .sort((a, b) => sign * (b.mean - a.mean))
    .map((e) => {
      const best = 1 + entries.filter((o) => ahead.get(o.id)!.has(e.id)).length;
      const worst = n - ahead.get(e.id)!.size;
      return { ...e, best, worst, label: best === worst ? `${best}` : `${best}–${worst}` };
    });
}
