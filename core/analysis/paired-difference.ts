import { groupBy } from './group-by.js';
import { meanCi } from './mean-ci.js';

/**
 * One value of one measure (a metric, or a human dimension's item MOS) for one generation.
 * `unit` is what pairs a generation of one run with its twin in the other: the same prompt set,
 * prompt, language and sample index. null: the measure does not apply to it.
 */
export interface PairedValue {
  generator: string;
  measure: string;
  unit: string;
  value: number | null;
}

export interface PairedDifference {
  generator: string;
  measure: string;
  /** Units with a value in both runs: the differences are taken over these alone. */
  pairs: number;
  /** Units with a value in one run only (not made, failed, or not applicable there). */
  onlyBaseline: number;
  onlyCandidate: number;
  /** Means over the paired units. */
  baseline: number | null;
  candidate: number | null;
  /** Mean of (candidate - baseline) per unit, with its t interval (null below two pairs). */
  difference: number | null;
  low: number | null;
  high: number | null;
  /** 'up' or 'down' when the interval excludes 0: a change beyond the noise of this prompt sample; else null. */
  change: 'up' | 'down' | null;
}

/**
 * Paired differences between two runs per (generator, measure): candidate minus baseline on the
 * same units, with the t interval of the mean difference (level 0.95 unless given). Pairing
 * removes what the prompts share, so a knob that moves every item a little shows even when the
 * spread between prompts is wide. Identical media give differences of exactly 0: no change.
 */
export function pairedDifferences(
  baseline: readonly PairedValue[],
  candidate: readonly PairedValue[],
  options: { level?: number } = {},
): PairedDifference[] {
  const key = (v: PairedValue) => `${v.generator}\u0000${v.measure}`;
  const before = groupBy(baseline, key);
  const after = groupBy(candidate, key);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.map((k) => {
    const [generator, measure] = k.split('\u0000') as [string, string];
    const a = valuesByUnit(before.get(k) ?? []);
    const b = valuesByUnit(after.get(k) ?? []);
    const paired = [...a.keys()].filter((u) => b.has(u)).sort();
    const diffs = paired.map((u) => b.get(u)! - a.get(u)!);
    const ci = meanCi(diffs, { level: options.level });
    const mean = (m: Map<string, number>) => (paired.length ? paired.reduce((s, u) => s + m.get(u)!, 0) / paired.length : null);
    const change = ci.low !== null && ci.low > 0 ? 'up' : ci.high !== null && ci.high < 0 ? 'down' : null;
    return {
      generator,
      measure,
      pairs: paired.length,
      onlyBaseline: a.size - paired.length,
      onlyCandidate: b.size - paired.length,
      baseline: mean(a),
      candidate: mean(b),
      difference: ci.mean,
      low: ci.low,
      high: ci.high,
      change,
    };
  });
}

/** The unit's value, where it has one; a unit given twice is a caller's mistake, not data to average. */
function valuesByUnit(values: readonly PairedValue[]): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v.unit)) throw new Error(`paired comparison: unit "${v.unit}" appears twice for ${v.generator} / ${v.measure}`);
    seen.add(v.unit);
    if (v.value !== null && Number.isFinite(v.value)) out.set(v.unit, v.value);
  }
  return out;
}
