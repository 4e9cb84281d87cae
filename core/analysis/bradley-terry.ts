export interface Vote {
  a: string;
  b: string;
  outcome: 'A' | 'B' | 'tie';
  /** Who voted, and what the two outputs share (a prompt in one language): the arena's bootstrap resamples both. */
  rater?: string;
  unit?: string;
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
export function fitBradleyTerry(
  votes: readonly Vote[],
  options: { maxIterations?: number; tolerance?: number } = {},
  /** How many times each vote counts (a bootstrap replicate's draw); once each by default. */
  weights?: readonly number[],
): BradleyTerryFit {
  // A player in no vote that counts (drawn zero times) has no strength in this fit.
  const players = [...new Set(votes.flatMap((v, k) => (weights && weights[k] === 0 ? [] : [v.a, v.b])))].sort();
  const idx = new Map(players.map((p, i) => [p, i]));
  const P = players.length;
  const wins = new Array<number>(P).fill(0);
  const games = Array.from({ length: P }, () => new Array<number>(P).fill(0));
  votes.forEach((v, k) => {
    const w = weights ? weights[k]! : 1;
    const a = idx.get(v.a)!;
    const b = idx.get(v.b)!;
    if (w === 0 || a === b) return;
    games[a]![b]! += w;
    games[b]![a]! += w;
    if (v.outcome === 'A') wins[a]! += w;
    else if (v.outcome === 'B') wins[b]! += w;
    else {
      wins[a]! += w / 2;
      wins[b]! += w / 2;
    }
  });
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
