import { percentileInterval } from './bootstrap.js';

export type PairStatus = 'ordered' | 'within-tolerance' | 'undecided';

export interface PairDecision {
  /** The entry with the higher point estimate, and the one just below it. */
  ahead: string;
  behind: string;
  difference: number;
  /** The percentile interval of the paired difference (ahead - behind) over the bootstrap replicates. */
  low: number | null;
  high: number | null;
  status: PairStatus;
}

/**
 * The decision on each pair of neighbours in the order of the point estimates, from the same
 * joint bootstrap as `pairedRankRanges`: "ordered" when the interval of the difference lies above
 * zero and the difference exceeds the tolerance (the rank ranges' "clearly ahead"), "within
 * tolerance" when the whole interval lies within ±tolerance (they are equal for this purpose),
 * otherwise "undecided": more ratings could still change the ranking there.
 */
export function adjacentPairDecisions(
  entries: readonly { id: string; mean: number }[],
  replicates: ReadonlyMap<string, readonly number[]>,
  options: { tolerance?: number; level?: number } = {},
): PairDecision[] {
  const tolerance = options.tolerance ?? 0.1;
  const sorted = [...entries].sort((a, b) => b.mean - a.mean || (a.id < b.id ? -1 : 1));
  return sorted.slice(1).map((behind, i) => {
    const ahead = sorted[i]!;
    const ra = replicates.get(ahead.id);
    const rb = replicates.get(behind.id);
    if (!ra || !rb) throw new Error(`pair decisions: no bootstrap replicates for "${ra ? behind.id : ahead.id}"`);
    const { low, high } = percentileInterval(
      ra.map((x, b) => x - rb[b]!),
      options.level,
    );
    const difference = ahead.mean - behind.mean;
    let status: PairStatus = 'undecided';
    if (low !== null && low > 0 && difference > tolerance) status = 'ordered';
    else if (low !== null && high !== null && low >= -tolerance && high <= tolerance) status = 'within-tolerance';
    return { ahead: ahead.id, behind: behind.id, difference, low, high, status };
  });
}
