import { describe, expect, it } from 'vitest';
import { arenaScores } from '../../../core/analysis/arena-scores.js';
import { fitBradleyTerry, type Vote } from '../../../core/analysis/bradley-terry.js';
import { mulberry32 } from '../../../core/types/seeded-random.js';

// An arena of 20 prompts and 9 raters voting on every pair: "best" wins 85% of its votes with
// everyone; 4 raters prefer "mid" to "low" and 4 prefer "low" to "mid" (85% each, a taste, not
// noise), and one rater votes at random on everything.
function clusteredArena(): Vote[] {
  const random = mulberry32(21);
  const votes: Vote[] = [];
  const vote = (a: string, b: string, pA: number, rater: string, unit: string) =>
    votes.push({ a, b, outcome: random() < pA ? 'A' : 'B', rater, unit });
  for (let r = 0; r < 9; r++)
    for (let p = 0; p < 20; p++) {
      const rater = `r${r}`;
      const unit = `p${p}`;
      const honest = r < 8;
      vote('best', 'mid', honest ? 0.85 : 0.5, rater, unit);
      vote('best', 'low', honest ? 0.85 : 0.5, rater, unit);
      vote('mid', 'low', !honest ? 0.5 : r < 4 ? 0.85 : 0.15, rater, unit);
    }
  return votes;
}

const width = (s: { low: number | null; high: number | null }) => s.high! - s.low!;

describe('arena scores', () => {
  it('a weighted fit is the fit of the votes repeated as often as their weight', () => {
    const votes = clusteredArena().slice(0, 60);
    const weights = votes.map((_, k) => k % 3);
    const repeated = votes.flatMap((v, k) => Array.from({ length: weights[k]! }, () => v));
    const a = fitBradleyTerry(votes, {}, weights).logStrength;
    const b = fitBradleyTerry(repeated).logStrength;
    for (const p of Object.keys(b)) expect(a[p]).toBeCloseTo(b[p]!, 8);
  });

  it('resamples raters and prompts together: raters who disagree by taste widen the intervals beyond resampling votes', () => {
    const votes = clusteredArena();
    const joint = arenaScores(votes, { iterations: 200, seed: 5 });
    // The same votes with no rater and no prompt: each vote is resampled on its own.
    const byVote = arenaScores(
      votes.map(({ a, b, outcome }) => ({ a, b, outcome })),
      { iterations: 200, seed: 5 },
    );
    expect(joint.map((s) => s.elo)).toEqual(byVote.map((s) => s.elo));
    for (const p of ['mid', 'low']) {
      const j = joint.find((s) => s.player === p)!;
      const v = byVote.find((s) => s.player === p)!;
      expect(width(j)).toBeGreaterThan(1.5 * width(v));
    }
    // The clear leader is first alone either way; the two that split the raters share 2–3.
    for (const ranked of [joint, byVote])
      expect(ranked.map((s) => [s.player, s.label])).toEqual([
        ['best', '1'],
        [ranked[1]!.player, '2–3'],
        [ranked[2]!.player, '2–3'],
      ]);
  });

  it('shows strengths on an Elo scale with seeded bootstrap intervals', () => {
    const votes: Vote[] = [];
    for (let i = 0; i < 60; i++)
      votes.push(
        { a: 'good', b: 'bad', outcome: i % 4 === 0 ? 'B' : 'A' },
        { a: 'good', b: 'mid', outcome: i % 3 === 0 ? 'B' : 'A' },
        { a: 'mid', b: 'bad', outcome: i % 3 === 0 ? 'tie' : 'A' },
      );
    const a = arenaScores(votes, { iterations: 100, seed: 7 });
    expect(a.map((s) => s.player)).toEqual(['good', 'mid', 'bad']);
    for (const s of a) expect(s.low! <= s.elo && s.elo <= s.high!).toBe(true);
    expect(arenaScores(votes, { iterations: 100, seed: 7 })).toEqual(a);
  });

  it('ranks from paired differences of the same resamples: one clear leader, two even players share 2–3', () => {
    // a beats b and c 3 times in 4; b and c split their games evenly.
    const votes: Vote[] = [];
    for (let i = 0; i < 60; i++)
      votes.push(
        { a: 'a', b: 'b', outcome: i % 4 === 0 ? 'B' : 'A' },
        { a: 'c', b: 'a', outcome: i % 4 === 0 ? 'A' : 'B' },
        { a: 'b', b: 'c', outcome: i % 2 === 0 ? 'A' : 'B' },
      );
    const a = arenaScores(votes, { iterations: 200, seed: 3 });
    expect(a.map((s) => [s.player, s.label])).toEqual([
      ['a', '1'],
      ['b', '2–3'],
      ['c', '2–3'],
    ]);
    // b and c have equal records: the same Elo.
    expect(a[1]!.elo).toBeCloseTo(a[2]!.elo, 6);
  });
});
