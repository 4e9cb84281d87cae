import type { Agreement } from '../analysis/index.js';
import type { ReportData } from './report-data.js';
import type { SpendLine } from './report-spend.js';

/** One CSV cell: empty for null, quoted when it holds a comma, quote or line break. */
export function cell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * What the done generations cost: one row per generator (`by` = generator), per prompt set, per
 * generator and prompt set, and the run in all; `cost_unknown` counts done ones without a stored cost.
 */
export function renderSpendCsv(data: ReportData): string {
  const header = ['by', 'generator', 'prompt_set', 'done', 'cost_unknown', 'cost_usd'];
  const line = (by: string, generator: string, set: string, s: SpendLine) => [by, generator, set, s.done, s.costUnknown, s.costUsd];
  const rows = [
    ...data.generators.map((g) => line('generator', g.id, '', { done: g.done, costUsd: g.costUsd, costUnknown: g.costUnknown })),
    ...data.spend.byPromptSet.map((s) => line('prompt_set', '', s.promptSet, s)),
    ...data.spend.byGeneratorAndPromptSet.map((s) => line('generator_and_prompt_set', s.generatorId, s.promptSet, s)),
    line('all', '', '', data.spend),
  ];
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/**
 * The ledger of paid requests, one row per request in order of creation, with the prompt of its
 * generation; `created_at` is when it was about to be sent, to find it in the provider's console.
 */
export function renderLedgerCsv(data: ReportData): string {
  const header = [
    'id',
    'generator',
    'prompt_set',
    'prompt_id',
    'language',
    'sample',
    'generation_key',
    'attempt',
    'phase',
    'job_id',
    'price_usd',
    'created_at',
    'updated_at',
    'message',
  ];
  const rows = data.ledger.entries.map((e) => [
    e.id,
    e.generatorId,
    `${e.promptSetId}@${e.promptSetVersion}`,
    e.promptId,
    e.language,
    e.sample,
    e.generationKey,
    e.attempt,
    e.phase,
    e.jobId,
    e.priceUsd,
    e.createdAt,
    e.updatedAt,
    e.message,
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Human results for spreadsheets: one row per study, dimension and generator (MOS, bootstrap and t intervals, rank range, alpha). */
export function renderMosCsv(data: ReportData): string {
  const header = [
    'study',
    'dimension',
    'generator',
    'mos',
    'low_95',
    'high_95',
    'rank',
    'rank_best',
    'rank_worst',
    'ratings',
    't_low_95',
    't_high_95',
    'alpha_nominal',
    'alpha_ordinal',
    'alpha_interval',
    'alpha_ratio',
    'alpha_units',
    'alpha_values',
  ];
  const rows = data.human.flatMap((h) =>
    (h.analysis?.dimensions ?? []).flatMap((d) =>
      d.ranking.map((r) => [
        h.study.id,
        d.dimension,
        r.id,
        r.mean,
        r.low,
        r.high,
        r.label,
        r.best,
        r.worst,
        r.n,
        r.t.low,
        r.t.high,
        d.alpha.nominal,
        d.alpha.ordinal,
        d.alpha.interval,
        d.alpha.ratio,
        d.alpha.units,
        d.alpha.values,
      ]),
    ),
  );
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/**
 * Metric against people: one row per study, metric and dimension over all items (`by` = all),
 * flagged ones first, each followed by its rows per prompt set and per language (item-level verdict).
 */
export function renderAgreementCsv(data: ReportData): string {
  const header = [
    'study',
    'metric',
    'dimension',
    'flagged',
    'by',
    'group',
    'system_tau',
    'system_tau_low',
    'system_tau_high',
    'item_spearman',
    'item_spearman_low',
    'item_spearman_high',
    'item_kendall',
    'pairwise_accuracy',
    'items',
    'systems',
    'reasons',
  ];
  const row = (study: string, metric: string, dimension: string, by: string, group: string, a: Agreement) => [
    study,
    metric,
    dimension,
    a.flagged ? 'yes' : 'no',
    by,
    group,
    a.systemTau.value,
    a.systemTau.low,
    a.systemTau.high,
    a.itemSpearman.value,
    a.itemSpearman.low,
    a.itemSpearman.high,
    a.itemKendall.value,
    a.pairwiseAccuracy.value,
    a.items,
    a.systems,
    a.reasons.join('; '),
  ];
  const rows = data.human.flatMap((h) =>
    (h.analysis?.agreement ?? []).flatMap((a) => [
      row(h.study.id, a.metric, a.dimension, 'all', '', a),
      ...a.byGroup.map((g) => row(h.study.id, a.metric, a.dimension, g.by, g.group, g)),
    ]),
  );
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
