import { describe, expect, it } from 'vitest';
import { eloScale, fitBradleyTerry, type Vote } from '../../../core/analysis/bradley-terry.js';

// Stigler's (1994) journal citations as used by Agresti (2002, p. 448) and the R package
// BradleyTerry2 (dataset `citations`; the cited journal wins). BTm() in BradleyTerry2's vignette
// (Turner & Firth 2012, JSS 48(9), section 2.1) reports, with Biometrika as reference:
// Comm Statist -2.9491, JASA -0.4796, JRSS-B 0.2690.
const NAMES = ['Biometrika', 'Comm Statist', 'JASA', 'JRSS-B'];
const CITED_BY = [
  [714, 730, 498, 221],
  [33, 425, 68, 17],
  [320, 813, 1072, 142],
  [284, 276, 325, 188],
];
function citationVotes(): Vote[] {
  const votes: Vote[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++)
      if (i !== j) for (let k = 0; k < CITED_BY[i]![j]!; k++) votes.push({ a: NAMES[i]!, b: NAMES[j]!, outcome: 'A' });
  return votes;
}

describe('Bradley-Terry', () => {
  it('reproduces BradleyTerry2 on the citations data', () => {
    const fit = fitBradleyTerry(citationVotes());
    expect(fit.converged).toBe(true);
    const ref = fit.logStrength['Biometrika']!;
    expect(fit.logStrength['Comm Statist']! - ref).toBeCloseTo(-2.9491, 4);
    expect(fit.logStrength['JASA']! - ref).toBeCloseTo(-0.4796, 4);
    expect(fit.logStrength['JRSS-B']! - ref).toBeCloseTo(0.269, 4);
  });

  it('counts a tie as half a win to each side', () => {
    // A beats B twice and ties twice: 3 wins of 4 for A -> strength ratio 3, log 3.
    const votes: Vote[] = [
      { a: 'A', b: 'B', outcome: 'A' },
      { a: 'B', b: 'A', outcome: 'B' },
      { a: 'A', b: 'B', outcome: 'tie' },
      { a: 'A', b: 'B', outcome: 'tie' },
    ];
    const fit = fitBradleyTerry(votes);
    expect(fit.logStrength['A']! - fit.logStrength['B']!).toBeCloseTo(Math.log(3), 8);
  });
});
