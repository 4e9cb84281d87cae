import type { Agreement, Calibrated, Estimate } from '../analysis/index.js';

const est = (e: Estimate | null | undefined) =>
  !e || e.value === null ? 'n/a' : `${e.value.toFixed(3)} [${e.low?.toFixed(3) ?? '?'}, ${e.high?.toFixed(3) ?? '?'}]`;

/** What the verdict says in words: item-level flags first, then weak, then system level only. */
function verdict(a: Agreement): string {
  if (a.flags.some((f) => f.startsWith('item-'))) return 'FLAGGED: does not agree with people';
  if (a.flags.includes('below-ceiling')) return 'FLAGGED: weak';
  if (a.flagged) return 'FLAGGED: system level';
  return 'ok';
}

const cv = (c: Calibrated) =>
  `${c.crossValidated.value?.toFixed(3) ?? 'n/a'}  (${c.crossValidated.folds} folds; epsilons ${c.crossValidated.epsilons.map((e) => e?.toPrecision(3) ?? 'n/a').join(', ') || 'n/a'})`;

function ceilingLine(a: Agreement): string | null {
  if (!a.ofCeiling) return null;
  const reaches = a.ofCeiling.high !== null && a.ofCeiling.high >= 1 ? 'reaches the human ceiling' : 'below the human ceiling';
  return `  of the human ceiling  ${est(a.ofCeiling)}  (${reaches})`;
}

/** The text report of `loupe agreement`: how it was computed once, then one block per metric, flagged first. */
export function formatAgreement(
  head: { human: string; system: string | null; seed: number; iterations: number },
  results: readonly (Agreement & { metric: string })[],
): string {
  const first = results[0];
  const lines = [
    `Agreement with "${head.human}" (95% percentile intervals from ${head.iterations} bootstrap replicates over units, seed ${head.seed}).`,
  ];
  if (first?.ceiling)
    lines.push(
      `Human ceiling: ${est(first.ceiling)}: raters split at random into halves per item, Spearman of the two halves' item means averaged over 100 splits, projected to the full panel (${first.ceiling.panel} raters) with Spearman-Brown; ${first.ceiling.items} items with two or more ratings.`,
    );
  else lines.push('Human ceiling: not available (no single ratings: give --raters or --ratings).');
  if (first && first.systems < 2)
    lines.push(`System level: not available (${head.system ? 'one system' : 'no system column'}); item level only.`);
  lines.push(
    'Tie-calibrated accuracy: the epsilon that maximises pairwise accuracy with ties (Deutsch et al. 2023), chosen on this data, so it is optimistic (the interval chooses it again in every replicate); cross-validated: epsilon chosen on the other folds of prompts (seeded), acc_eq scored on each held-out fold.',
  );
  const order = (a: Agreement) => ['FLAGGED: does not', 'FLAGGED: weak', 'FLAGGED', 'ok'].findIndex((v) => verdict(a).startsWith(v));
  for (const r of [...results].sort((a, b) => order(a) - order(b))) {
    lines.push('', `${r.metric}  (${r.items} items${r.systems >= 2 ? `, ${r.systems} systems` : ''}): ${verdict(r)}`);
    lines.push(`  item Spearman         ${est(r.itemSpearman)}`);
    const ceiling = ceilingLine(r);
    if (ceiling) lines.push(ceiling);
    lines.push(
      `  item Kendall tau-b    ${est(r.itemKendall)}`,
      `  item Pearson          ${est(r.itemPearson)}`,
      `  pairwise acc (eps 0)  ${est(r.pairwiseAccuracy)}`,
      `  tie-cal. (same data)  ${est(r.tieCalibrated)}  epsilon ${r.tieCalibrated.epsilon?.toPrecision(3) ?? 'n/a'}`,
      `  tie-cal. (cross-val.) ${cv(r.tieCalibrated)}`,
    );
    if (r.grouped)
      lines.push(
        `  per-prompt acc        ${est(r.grouped.pairwiseAccuracy)}  (${r.grouped.groups} prompts)`,
        `  per-prompt tie-cal.   ${est(r.grouped.tieCalibrated)}  epsilon ${r.grouped.tieCalibrated.epsilon?.toPrecision(3) ?? 'n/a'} (same data)`,
        `  per-prompt cross-val. ${cv(r.grouped.tieCalibrated)}`,
      );
    if (r.systems >= 2) lines.push(`  system Kendall tau-b  ${est(r.systemTau)}`);
    for (const reason of r.reasons) lines.push(`  - ${reason}`);
    if (r.flagged)
      for (const d of r.disagreements.slice(0, 3))
        lines.push(
          `    ${d.item}: people ${d.human.toFixed(2)} (rank ${d.humanRank}), metric ${d.metric.toPrecision(3)} (rank ${d.metricRank})`,
        );
  }
  return lines.join('\n');
}
