import type { Agreement, Estimate, MetricDimensionAgreement } from '../../analysis/index.js';
import type { HumanStudyReport } from '../../study/index.js';
import type { ReportGeneration } from '../report-data.js';
import type { FlaggedMetric, Verdict } from './verdict-schema.js';

const FIRST_DIMENSION = 'text-image-consistency';

/** The top of an interval: the best agreement with people the data leave possible. */
const upper = (e: Estimate) => e.high ?? e.value ?? 0;

/**
 * Stronger evidence against a metric first: the lower the top of its item-level Spearman interval
 * (every rated item counts, so it is the fine-grained measure), then of its system-level tau's
 * (with few generators tau takes a handful of values, so it only breaks ties).
 */
const byEvidence = (a: Agreement, b: Agreement) => upper(a.itemSpearman) - upper(b.itemSpearman) || upper(a.systemTau) - upper(b.systemTau);

/**
 * Which metrics to trust and which are flagged, from the first likert study that judged them: a
 * metric is trusted for the dimensions where its agreement with people is not flagged, and
 * flagged where it is (overall, or on one prompt set or language), with the evidence for the
 * dimension where it is strongest (text-image consistency on a tie): the reasons, the scatter of
 * every rated item and the items where metric and people disagree most. Metrics flagged overall
 * come first, each group ordered by the strength of its evidence.
 */
export function verdictMetrics(human: readonly HumanStudyReport[], generations: readonly ReportGeneration[]): Verdict['metrics'] {
  const h = human.find((x) => x.analysis && x.analysis.agreement.length > 0);
  if (!h) return null;
  const all = h.analysis!.agreement;
  const byKey = new Map(generations.map((g) => [g.key, g]));
  const isBad = (a: MetricDimensionAgreement) => a.flagged || a.byGroup.some((g) => g.flagged);
  const trusted: NonNullable<Verdict['metrics']>['trusted'] = [];
  const flagged: { f: FlaggedMetric; evidence: Agreement }[] = [];
  for (const metric of [...new Set(all.map((a) => a.metric))]) {
    const pairs = all.filter((a) => a.metric === metric);
    const good = pairs.filter((a) => !isBad(a));
    if (good.length > 0) trusted.push({ metric, dimensions: good.map((a) => a.dimension) });
    const bad = pairs.filter(isBad);
    if (bad.length === 0) continue;
    const overall = bad.filter((a) => a.flagged);
    const pool = overall.length > 0 ? overall : bad;
    // Flagged on a group only: the group's numbers are the evidence, not the overall ones.
    const candidates = pool.map((a) => ({ shown: a, group: a.flagged ? null : a.byGroup.filter((g) => g.flagged).sort(byEvidence)[0]! }));
    const { shown, group } = candidates.sort(
      (a, b) =>
        byEvidence(a.group ?? a.shown, b.group ?? b.shown) ||
        Number(b.shown.dimension === FIRST_DIMENSION) - Number(a.shown.dimension === FIRST_DIMENSION),
    )[0]!;
    const evidence: Agreement = group ?? shown;
    const mos = h.analysis!.itemMos[shown.dimension] ?? {};
    const f: FlaggedMetric = {
      metric,
      dimension: shown.dimension,
      dimensions: bad.map((a) => a.dimension),
      group: group ? { by: group.by, group: group.group } : null,
      flags: evidence.flags,
      reasons: evidence.reasons,
      systemTau: shown.systemTau,
      itemSpearman: evidence.itemSpearman,
      points: Object.entries(mos).flatMap(([item, value]) => {
        const g = byKey.get(item);
        const score = g?.scores[metric];
        return g && score !== null && score !== undefined ? [{ item, generator: g.generatorId, human: value, metric: score }] : [];
      }),
      disagreements: evidence.disagreements.map((d) => d.item),
    };
    flagged.push({ f, evidence });
  }
  flagged.sort((a, b) => Number(a.f.group !== null) - Number(b.f.group !== null) || byEvidence(a.evidence, b.evidence));
  return { study: h.study.id, trusted, flagged: flagged.map((x) => x.f) };
}
