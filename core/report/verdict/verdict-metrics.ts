import type { Agreement, MetricDimensionAgreement } from '../../analysis/index.js';
import type { HumanStudyReport } from '../../study/index.js';
import type { ReportGeneration } from '../report-data.js';
import type { FlaggedMetric, Verdict } from './verdict-schema.js';

const FIRST_DIMENSION = 'text-image-consistency';

/**
 * Which metrics to trust and which are flagged, from the first likert study that judged them: a
 * metric is trusted for the dimensions where its agreement with people is not flagged, and
 * flagged where it is (overall, or on one prompt set or language), with the evidence for one
 * dimension (text-image consistency where flagged on it): the reasons, the scatter of every rated
 * item and the items where metric and people disagree most.
 */
export function verdictMetrics(human: readonly HumanStudyReport[], generations: readonly ReportGeneration[]): Verdict['metrics'] {
  const h = human.find((x) => x.analysis && x.analysis.agreement.length > 0);
  if (!h) return null;
  const all = h.analysis!.agreement;
  const byKey = new Map(generations.map((g) => [g.key, g]));
  const isBad = (a: MetricDimensionAgreement) => a.flagged || a.byGroup.some((g) => g.flagged);
  const trusted: NonNullable<Verdict['metrics']>['trusted'] = [];
  const flagged: FlaggedMetric[] = [];
  for (const metric of [...new Set(all.map((a) => a.metric))]) {
    const pairs = all.filter((a) => a.metric === metric);
    const good = pairs.filter((a) => !isBad(a));
    if (good.length > 0) trusted.push({ metric, dimensions: good.map((a) => a.dimension) });
    const bad = pairs.filter(isBad);
    if (bad.length === 0) continue;
    const overall = bad.filter((a) => a.flagged);
    const pool = overall.length > 0 ? overall : bad;
    const shown = pool.find((a) => a.dimension === FIRST_DIMENSION) ?? pool[0]!;
    // Flagged on a group only: the group's numbers are the evidence, not the overall ones.
    const group = shown.flagged ? null : shown.byGroup.find((g) => g.flagged)!;
    const evidence: Agreement = group ?? shown;
    const mos = h.analysis!.itemMos[shown.dimension] ?? {};
    flagged.push({
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
    });
  }
  flagged.sort((a, b) => Number(a.group !== null) - Number(b.group !== null));
  return { study: h.study.id, trusted, flagged };
}
