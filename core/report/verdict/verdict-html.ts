import type { ReportData } from '../report-data.js';
import { esc } from '../html-escape.js';
import { intervalChart, niceTicks } from '../report-charts.js';
import { fill, valueLabel, type ReportLanguage } from '../report-strings.js';
import { REPORT_STRINGS } from '../report-strings.js';
import { verdictBreakdownsHtml } from './verdict-breakdowns-html.js';
import { metricsGlanceHtml } from './verdict-glance-html.js';
import { verdictMetricsHtml } from './verdict-metrics-html.js';
import type { VerdictRanking } from './verdict-schema.js';
import { VERDICT_STRINGS, type VerdictStrings } from './verdict-strings.js';

/**
 * The report's first screen: who wins on each dimension with rank ranges, then side by side
 * Chinese against English and the flagged metric with the strongest evidence at a glance; below
 * it every flagged metric's evidence and the breakdowns labs report; then the details.
 */
export function verdictSection(data: ReportData, thumbs: Readonly<Record<string, string>>, language: ReportLanguage): string {
  const t = REPORT_STRINGS[language];
  const v = VERDICT_STRINGS[language];
  const r = data.verdict.rankings;
  const source =
    r.source === 'human'
      ? fill(v.sourceHuman, { study: `<code>${esc(r.study)}</code>` })
      : r.source === 'arena'
        ? fill(v.sourceArena, { study: `<code>${esc(r.study)}</code>` })
        : v.sourceMetric;
  const name = (d: VerdictRanking) => (r.source === 'metric' ? d.dimension : valueLabel(t, d.dimension));
  const charts = r.dimensions
    .map(
      (d) =>
        `<figure class="ranking"><figcaption><b>${esc(name(d))}</b>${r.source === 'metric' && d.direction === 'lower-is-better' ? ' ↓' : ''} · ${order(d, v)}</figcaption>${rankingChart(d, name(d), v)}</figure>`,
    )
    .join('');
  const breakdowns = verdictBreakdownsHtml(data, t, v);
  return `<section id="verdict"><h2>${v.heading}</h2>
<h3>${v.rankings}</h3><p class="note">${charts ? source : t.noMetricYet}</p><div class="rankings">${charts}</div>
<div class="glance"><div>${breakdowns.language}</div><div>${metricsGlanceHtml(data, thumbs, t, v)}</div></div>
${verdictMetricsHtml(data, thumbs, t, v)}
${breakdowns.rest}
</section>
<h2 class="details">${v.details}</h2><p class="note">${v.scrollHint}</p>`;
}

/** "1 a · 2–3 b, c (within the noise)": the ranking in words, ties grouped. */
function order(d: VerdictRanking, v: VerdictStrings): string {
  const groups = new Map<string, string[]>();
  for (const row of d.rows) if (row.label) groups.set(row.label, [...(groups.get(row.label) ?? []), row.id]);
  return [...groups]
    .map(
      ([label, ids]) =>
        `<span class="rank">${esc(label)}</span> ${ids.map(esc).join(', ')}${ids.length > 1 || label.includes('–') ? ` <span class="n-inline">(${v.withinNoise})</span>` : ''}`,
    )
    .join(' · ');
}

function rankingChart(d: VerdictRanking, name: string, v: VerdictStrings): string {
  const [min, max] = d.scale;
  const rows = d.rows.flatMap((row) =>
    row.mean === null
      ? []
      : [{ label: row.id, value: row.mean, low: row.low, high: row.high, note: row.label ? fill(v.rankNote, { rank: row.label }) : '' }],
  );
  const ticks = min === 1 && max === 5 ? [1, 2, 3, 4, 5] : niceTicks(min, max, 4);
  return intervalChart(rows, { min, max, ticks, title: fill(v.rankAxis, { what: name }) });
}
