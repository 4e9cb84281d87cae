import { groupBy } from './group-by.js';
import type { ScreeningVerdict } from './rating-types.js';

/** A gold item (an assignment or item id) and the range of scores a careful rater gives it. */
export interface GoldAnswer {
  item: string;
  low: number;
  high: number;
}

/** Gold items with known answers: a rater fails when more than `maxFailRate` of their gold scores fall outside the range. */
export function goldFailures(
  rows: readonly { item: string; rater: string; score: number }[],
  gold: readonly GoldAnswer[],
  maxFailRate = 0.34,
): ScreeningVerdict[] {
  const answers = new Map(gold.map((g) => [g.item, g]));
  return [
    ...groupBy(
      rows.filter((r) => answers.has(r.item)),
      (r) => r.rater,
    ),
  ].map(([rater, list]) => {
    const failed = list.filter((r) => r.score < answers.get(r.item)!.low || r.score > answers.get(r.item)!.high).length;
    const rate = failed / list.length;
    const rejected = rate > maxFailRate;
    const findings = rejected ? [{ check: 'gold' as const, values: { failed, n: list.length } }] : [];
    return {
      rater,
      rejected,
      reason: rejected ? `gold items: ${failed} of ${list.length} missed the known answer` : '',
      findings,
      details: { failed, n: list.length, rate },
    };
  });
}

/**
 * Self-consistency on repeated items: the mean absolute difference between a rater's first
 * and later scores of the same item; above `maxMeanDifference` (default 1 point) the rater is flagged.
 * Below `minRepeats` repeats the mean is too noisy to judge anyone (two honest scores with
 * 0.6 points of noise each differ by more than 1 point a fifth of the time): reported, not rejected.
 */
export function repeatInconsistency(
  rows: readonly { item: string; rater: string; score: number }[],
  maxMeanDifference = 1,
  minRepeats = 4,
): ScreeningVerdict[] {
  return [...groupBy(rows, (r) => r.rater)].flatMap(([rater, list]) => {
    const diffs = [...groupBy(list, (r) => r.item).values()]
      .filter((l) => l.length > 1)
      .flatMap((l) => l.slice(1).map((r) => Math.abs(r.score - l[0]!.score)));
    if (diffs.length === 0) return [];
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    const rejected = mean > maxMeanDifference && diffs.length >= minRepeats;
    const findings = rejected ? [{ check: 'repeats' as const, values: { mean: mean.toFixed(2), repeats: diffs.length } }] : [];
    return [
      {
        rater,
        rejected,
        reason: rejected ? `repeats: scores of the same item differ by ${mean.toFixed(2)} points on average (${diffs.length} repeats)` : '',
        findings,
        details: { repeats: diffs.length, meanDifference: mean },
      },
    ];
  });
}

/** Joins the verdicts of several checks: a rater is screened out when any check rejects them. */
export function combineScreening(...checks: readonly (readonly ScreeningVerdict[])[]): ScreeningVerdict[] {
  const out = new Map<string, ScreeningVerdict>();
  for (const v of checks.flat()) {
    const prev = out.get(v.rater);
    if (!prev) out.set(v.rater, { ...v, findings: [...v.findings], details: { ...v.details } });
    else
      out.set(v.rater, {
        rater: v.rater,
        rejected: prev.rejected || v.rejected,
        reason: [prev.reason, v.reason].filter(Boolean).join('; '),
        findings: [...prev.findings, ...v.findings],
        details: { ...prev.details, ...v.details },
      });
  }
  return [...out.values()].sort((a, b) => (a.rater < b.rater ? -1 : 1));
}
