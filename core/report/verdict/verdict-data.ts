import type { ReportData } from '../report-data.js';
import { verdictBreakdownRows, type PromptFacts } from './verdict-breakdowns.js';
import { verdictMetrics } from './verdict-metrics.js';
import { verdictRankings } from './verdict-rankings.js';
import { verdictScale } from './verdict-scale.js';
import type { Verdict } from './verdict-schema.js';

export type VerdictInput = Pick<ReportData, 'human' | 'generators' | 'metrics' | 'generations'>;

/** The report's first screen, computed from the report data and the prompts' counting and text facts. */
export function buildVerdict(data: VerdictInput, facts: ReadonlyMap<string, PromptFacts>): Verdict {
  return { rankings: verdictRankings(data), metrics: verdictMetrics(data.human, data.generations), breakdowns: breakdowns(data, facts) };
}

/**
 * The breakdowns on people's text-image consistency (or their first dimension) where a likert
 * study exists; otherwise on the metric that scored the most generations (it is named on the
 * page: a metric's breakdown is only as good as the metric).
 */
function breakdowns(data: VerdictInput, facts: ReadonlyMap<string, PromptFacts>): Verdict['breakdowns'] {
  const likert = data.human.find((h) => h.analysis && h.analysis.dimensions.length > 0);
  if (likert) {
    const dims = likert.analysis!.dimensions.map((d) => d.dimension);
    const basis = dims.includes('text-image-consistency') ? 'text-image-consistency' : dims[0]!;
    const values = new Map(Object.entries(likert.analysis!.itemMos[basis] ?? {}));
    const range = [1, 5] as [number, number];
    return {
      source: 'human',
      study: likert.study.id,
      basis,
      scale: range,
      ...verdictBreakdownRows(values, data.generations, facts, range),
    };
  }
  const counts = data.metrics.map((m) => ({ m, n: data.generations.filter((g) => typeof g.scores[m.id] === 'number').length }));
  const best = counts.filter((c) => c.n > 0).sort((a, b) => b.n - a.n || (a.m.id < b.m.id ? -1 : 1))[0];
  if (!best) return null;
  const values = new Map(data.generations.flatMap((g) => (typeof g.scores[best.m.id] === 'number' ? [[g.key, g.scores[best.m.id]!]] : [])));
  const rows = verdictBreakdownRows(values, data.generations, facts, best.m.range);
  const shown = rows.categories.flatMap((c) => [c.mean]).concat(rows.languagePairs.flatMap((p) => [p.zh, p.en]));
  return { source: 'metric', study: null, basis: best.m.id, scale: verdictScale(best.m.range, shown), ...rows };
}
