import { percentileInterval, resampleCounts } from './bootstrap.js';
import { eloScale, fitBradleyTerry, type BradleyTerryFit, type Vote } from './bradley-terry.js';
import { pairedRankRanges } from './rank-ranges.js';
import { mulberry32 } from '../types/index.js';

export interface ArenaScore {
  player: string;
  elo: number;
  low: number | null;
  high: number | null;
  votes: number;
  /** The rank range from the paired differences of the same resamples (see pairedRankRanges). */
  best: number;
  worst: number;
  label: string;
}

/**
 * The fit's Elo scores and their replicates from the joint bootstrap of raters and items: each
 * replicate draws the units (prompts) and the raters with replacement and counts every vote
 * (times its unit was drawn) x (times its rater was drawn), so a rater whose votes lean one way
 * moves all of them together and widens the interval, as it should. A vote without a unit is a
 * unit of its own, and votes without a rater share one, so votes that name neither are resampled
 * one by one. A player drawn in no vote of a replicate gets NaN there.
 */
export function arenaBootstrap(
  votes: readonly Vote[],
  options: { iterations?: number; seed?: number } = {},
): { fit: BradleyTerryFit; elo: Map<string, number>; replicates: Map<string, number[]> } {
  const fit = fitBradleyTerry(votes);
  const index = (keys: string[]) => {
    const ids = new Map<string, number>();
    return { of: keys.map((k) => ids.get(k) ?? ids.set(k, ids.size).get(k)!), size: () => ids.size };
  };
  const units = index(votes.map((v, k) => v.unit ?? `\u0000vote ${k}`));
  const raters = index(votes.map((v) => v.rater ?? ''));
  const random = mulberry32(options.seed ?? 1);
  const replicates = new Map<string, number[]>(fit.players.map((p) => [p, []]));
  for (let b = 0; b < (options.iterations ?? 200); b++) {
    const uw = resampleCounts(units.size(), random);
    const rw = resampleCounts(raters.size(), random);
    const weights = votes.map((_, k) => uw[units.of[k]!]! * rw[raters.of[k]!]!);
    const f = fitBradleyTerry(votes, { maxIterations: 2000, tolerance: 1e-8 }, weights);
    for (const p of fit.players) replicates.get(p)!.push(p in f.logStrength ? eloScale(f.logStrength[p]!) : NaN);
  }
  return { fit, elo: new Map(fit.players.map((p) => [p, eloScale(fit.logStrength[p]!)])), replicates };
}

/**
 * Bradley-Terry scores on the Elo scale with percentile intervals from the joint bootstrap of
 * raters and items (arenaBootstrap), as for MOS. Rank ranges come from the differences within each
 * replicate: a player ranks clearly ahead of another when the interval of their Elo difference
 * lies above zero and the difference exceeds `tolerance` Elo points (0 by default: the interval
 * alone decides).
 */
export function arenaScores(
  votes: readonly Vote[],
  options: { iterations?: number; seed?: number; level?: number; tolerance?: number } = {},
): ArenaScore[] {
  const { elo, replicates: reps, fit } = arenaBootstrap(votes, options);
  const entries = fit.players.map((p) => ({
    id: p,
    mean: elo.get(p)!,
    ...percentileInterval(reps.get(p)!, options.level),
  }));
  return pairedRankRanges(entries, reps, { tolerance: options.tolerance ?? 0, level: options.level }).map((r) => ({
    player: r.id,
    elo: r.mean,
    low: r.low,
    high: r.high,
    votes: votes.filter((v) => v.a === r.id || v.b === r.id).length,
    best: r.best,
    worst: r.worst,
    label: r.label,
  }));
}
