import type { ReportData } from '../report-data.js';
import type { Verdict, VerdictRanking } from './verdict-schema.js';
import { verdictScale } from './verdict-scale.js';

/**
 * Who wins on each dimension, with rank ranges: human MOS from the first likert study, else
 * Bradley-Terry scores from the first pairwise one, else each automatic metric on its own.
 */
export function verdictRankings(data: Pick<ReportData, 'human' | 'generators' | 'metrics'>): Verdict['rankings'] {
  const likert = data.human.find((h) => h.analysis && h.analysis.dimensions.length > 0);
  if (likert)
    return {
      source: 'human',
      study: likert.study.id,
      dimensions: likert.analysis!.dimensions.map((d) => ({
        dimension: d.dimension,
        scale: [1, 5],
        direction: 'higher-is-better',
        rows: d.ranking.map((r) => ({ id: r.id, mean: r.mean, low: r.low, high: r.high, label: r.label })),
      })),
    };
  const arena = data.human.find((h) => h.arena && h.arena.length > 0);
  if (arena)
    return {
      source: 'arena',
      study: arena.study.id,
      dimensions: arena.arena!.map((a) => {
        const rows = a.scores.map((s) => ({ id: s.player, mean: s.elo, low: s.low, high: s.high, label: s.label }));
        return { dimension: a.dimension, scale: spanOf(null, rows), direction: 'higher-is-better', rows };
      }),
    };
  return {
    source: 'metric',
    study: null,
    dimensions: data.metrics.map((m) => {
      const sign = m.direction === 'higher-is-better' ? -1 : 1;
      const rows = data.generators
        .map((g) => {
          const s = g.metrics[m.id];
          return { id: g.id, mean: s?.mean ?? null, low: s?.low ?? null, high: s?.high ?? null, label: s?.rank ?? null };
        })
        .sort((a, b) => (a.mean === null ? 1 : b.mean === null ? -1 : sign * (a.mean - b.mean)));
      return { dimension: m.id, scale: spanOf(m.range, rows), direction: m.direction, rows };
    }),
  };
}

const spanOf = (range: readonly [number, number] | null, rows: VerdictRanking['rows']) =>
  verdictScale(
    range,
    rows.flatMap((r) => [r.mean, r.low, r.high]),
  );
