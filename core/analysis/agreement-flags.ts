import type { Estimate } from './item-measures.js';

/**
 * Why a metric is flagged. Item level decides whether it agrees with people at all ('item-*':
 * "does not agree with people") and whether it is weak ('below-ceiling': clearly below a set
 * fraction of how well raters agree with each other); system-level tau across generators is a
 * further bar, judged only where there are two systems or more.
 */
export type AgreementFlag =
  | 'system-undefined'
  | 'system-below-bar'
  | 'system-below-zero'
  | 'system-reaches-zero'
  | 'item-undefined'
  | 'item-below-zero'
  | 'item-reaches-zero'
  | 'below-ceiling';

/** What the flags are judged on. */
export interface FlagInputs {
  systems: number;
  systemTau: Estimate;
  itemSpearman: Estimate;
  minSystemTau: number;
  ceiling: Estimate | null;
  /** Item-level Spearman as a fraction of the ceiling, and the bootstrap interval of Spearman - fraction x ceiling. */
  ofCeiling: Estimate | null;
  belowBar: { low: number | null; high: number | null } | null;
  minCeilingFraction: number;
}

export function agreementFlags(a: FlagInputs): AgreementFlag[] {
  const flags: AgreementFlag[] = [];
  const tau = a.systemTau;
  if (a.systems >= 2) {
    if (tau.value === null) flags.push('system-undefined');
    else {
      if (tau.value < a.minSystemTau) flags.push('system-below-bar');
      if (tau.high !== null && tau.high < 0) flags.push('system-below-zero');
      else if (tau.low !== null && tau.low <= 0) flags.push('system-reaches-zero');
    }
  }
  const rho = a.itemSpearman;
  if (rho.value === null) flags.push('item-undefined');
  else if (rho.high !== null && rho.high < 0) flags.push('item-below-zero');
  else if (rho.low !== null && rho.low <= 0) flags.push('item-reaches-zero');
  else if (a.belowBar?.high !== null && a.belowBar?.high !== undefined && a.belowBar.high < 0) flags.push('below-ceiling');
  return flags;
}

/** The flags that say a metric does not agree with people (rather than that it is weak, or fails at system level). */
export const disagrees = (flags: readonly AgreementFlag[]) => flags.some((f) => f.startsWith('item-'));

const f2 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));

/** A flag in English words, with the numbers behind it. */
export function describeFlag(flag: AgreementFlag, a: Omit<FlagInputs, 'belowBar'>): string {
  const tau = a.systemTau;
  const rho = a.itemSpearman;
  switch (flag) {
    case 'system-undefined':
      return 'system-level tau undefined (the metric or the people give every system the same mean)';
    case 'system-below-bar':
      return `system-level Kendall tau ${f2(tau.value)} is below the bar ${a.minSystemTau}`;
    case 'system-below-zero':
      return `system-level tau interval [${f2(tau.low)}, ${f2(tau.high)}] is below zero: the metric orders generators against people`;
    case 'system-reaches-zero':
      return `system-level tau interval [${f2(tau.low)}, ${f2(tau.high)}] reaches zero`;
    case 'item-undefined':
      return 'does not agree with people: item-level Spearman undefined (one side constant)';
    case 'item-below-zero':
      return `does not agree with people: item-level Spearman ${f2(rho.value)} [${f2(rho.low)}, ${f2(rho.high)}] is below zero: the metric orders items against people`;
    case 'item-reaches-zero':
      return `does not agree with people: item-level Spearman ${f2(rho.value)} with interval [${f2(rho.low)}, ${f2(rho.high)}] reaches zero`;
    case 'below-ceiling':
      return `weak: item-level Spearman ${f2(rho.value)} is ${f2(a.ofCeiling?.value ?? null)} of the human ceiling ${f2(a.ceiling?.value ?? null)} (interval [${f2(a.ofCeiling?.low ?? null)}, ${f2(a.ofCeiling?.high ?? null)}]), clearly below ${a.minCeilingFraction} of it`;
  }
}
