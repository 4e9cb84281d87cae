import { percentileInterval } from './bootstrap.js';
import { pairedRankRanges } from './rank-ranges.js';
import { mulberry32 } from '../types/index.js';

export interface Vote {
  a: string;
  b: string;
  outcome: 'A' | 'B' | 'tie';
}

export interface BradleyTerryFit {
  players: string[];
  /** log-strengths centred on zero (the mean log-strength is 0). */
  logStrength: Record<string, number>;
  iterations: number;
  converged: boolean;
}

/**
 * Bradley-Terry strengths by maximum likelihood with the MM algorithm of Hunter (2004),
 * "MM algorithms for generalized Bradley-Terry models", eq. (3). A tie counts half a win to each.
 * A player with no win at all has no finite estimate; its strength is floored at 1e-6 of the mean.
 */
export function fitBradleyTerry(votes: readonly Vote[], options: { maxIterations?: number; tolerance?: number } = {}): BradleyTerryFit {
  const players = [...new Set(votes.flatMap((v) => [v.a, v.b]))].sort();
  const idx = new Map(players.map((p, i) => [p, i]));
  const P = players.length;
  const wins = new Array<number>(P).fill(0);
  const games = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  for (const v of votes) {
    const a = idx.get(v.a)!;
    const b = idx.get(v.b)!;
    if (a === b) continue;
    games[a]![b]!++;
    games[b]![a]!++;
    if (v.outcome === 'A') wins[a]! += 1;
    else if (v.outcome === 'B') wins[b]! += 1;
    else {
      wins[a]! += 0.5;
      wins[b]! += 0.5;
    }
  }
  let p = new Array<number>(P).fill(1);
  let converged = false;
  let it = 0;
  for (; it < (options.maxIterations ?? 10_000) && !converged; it++) {
    const next = p.map((pi, i) => {
      let denom = 0;
      for (let j = 0; j < P; j++) if (j !== i && games[i]![j]! > 0) denom += games[i]![j]! / (pi + p[j]!);
      return denom > 0 ? Math.max(wins[i]! / denom, 1e-6) : pi;
    });
    const g = Math.exp(next.reduce((a, x) => a + Math.log(x), 0) / P);
    const scaled = next.map((x) => x / g);
    converged = scaled.every((x, i) => Math.abs(Math.log(x) - Math.log(p[i]!)) < (options.tolerance ?? 1e-10));
    p = scaled;
  }
  return { players, logStrength: Object.fromEntries(players.map((pl, i) => [pl, Math.log(p[i]!)])), iterations: it, converged };
}

/** Elo-style display: 400 points per factor of ten in odds, centred on 1000. */
export function eloScale(logStrength: number): number {
  return 1000 + (400 * logStrength) / Math.LN10;
}

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

/** Elo scores of a fit and their replicates over seeded resamples of the votes (NaN where a player is in no drawn vote). */
export function arenaBootstrap(
  votes: readonly Vote[],
  options: { iterations?: number; seed?: number } = {},
): { fit: BradleyTerryFit; elo: Map<string, number>; replicates: Map<string, number[]> } {
  const fit = fitBradleyTerry(votes);
  const random = mulberry32(options.seed ?? 1);
  const replicates = new Map<string, number[]>(fit.players.map((p) => [p, []]));
  for (let b = 0; b < (options.iterations ?? 200); b++) {
    const sample = votes.map(() => votes[Math.floor(random() * votes.length)]!);
    const f = fitBradleyTerry(sample, { maxIterations: 2000, tolerance: 1e-8 });
    for (const p of fit.players) replicates.get(p)!.push(p in f.logStrength ? eloScale(f.logStrength[p]!) : NaN);
  }
  return { fit, elo: new Map(fit.players.map((p) => [p, eloScale(fit.logStrength[p]!)])), replicates };
}

/**
 * Bradley-Terry scores on the Elo scale with percentile intervals from resampling the votes
 * (seeded), and rank ranges from the differences within each resample: a player ranks clearly
 * ahead of another when the interval of their Elo difference lies above zero and the difference
 * exceeds `tolerance` Elo points (0 by default: the interval alone decides).
 */
export function arenaScores(
  votes: readonly Vote[],
  options: { iterations?: number; seed?: number; level?: number; tolerance?: number } = {},
): ArenaScore[] {
  const { fit, elo, replicates: reps } = arenaBootstrap(votes, options);
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
