import type { ReportData } from '../report-data.js';
import { esc, fmt } from '../html-escape.js';
import { fill, valueLabel, type ReportStrings } from '../report-strings.js';
import { dumbbellChart } from '../charts/dumbbell-chart.js';
import { heatmapChart } from '../charts/heatmap-chart.js';
import type { VerdictBreakdowns } from './verdict-schema.js';
import type { VerdictStrings } from './verdict-strings.js';

/** A difference whose interval lies clearly on one side of zero. */
const clear = (low: number | null, high: number | null) => (low !== null && low > 0) || (high !== null && high < 0);

/**
 * Where generators fail, in two parts: zh against en (a dumbbell per generator), which the first
 * screen shows; then the lab breakdowns as a table and every category as a heatmap.
 */
export function verdictBreakdownsHtml(data: ReportData, t: ReportStrings, v: VerdictStrings): { language: string; rest: string } {
  const b = data.verdict.breakdowns;
  if (!b) return { language: '', rest: '' };
  const basisName = b.source === 'human' ? valueLabel(t, b.basis) : b.basis;
  const basis =
    b.source === 'human'
      ? fill(v.basisHuman, { dimension: esc(basisName), study: `<code>${esc(b.study)}</code>` })
      : fill(v.basisMetric, { metric: `<code>${esc(b.basis)}</code>` });
  const higherIsBetter = b.source === 'human' || data.metrics.find((m) => m.id === b.basis)?.direction !== 'lower-is-better';
  const dumbbell = b.languagePairs.length
    ? dumbbellChart(
        b.languagePairs.map((p) => ({
          label: p.generator,
          a: p.en,
          b: p.zh,
          note: fill(v.dumbbellNote, {
            diff: fmt(p.difference.mean, 2),
            low: fmt(p.difference.low, 2),
            high: fmt(p.difference.high, 2),
            n: p.pairs,
          }),
          highlight: clear(p.difference.low, p.difference.high),
        })),
        {
          domain: b.scale,
          title: fill(v.dumbbellTitle, { basis: basisName }),
          aLabel: v.english,
          bLabel: v.chinese,
          description: v.dumbbellDescription,
        },
        // Narrow: the first screen shows it beside the flagged metric at a glance.
        [110, 250, 250],
      )
    : `<p class="note">${v.noPairs}</p>`;
  const categories = [...new Set(b.categories.map((c) => c.category))];
  const heatmap = categories.length
    ? heatmapChart(
        b.categories.map((c) => ({
          row: c.generator,
          column: c.category,
          value: c.mean,
          detail: `${fmt(c.mean, 2)} [${fmt(c.low, 2)}, ${fmt(c.high, 2)}] n=${c.n}`,
        })),
        data.generators.map((g) => ({ id: g.id, label: g.id })),
        categories.map((c) => ({ id: c, label: valueLabel(t, c) })),
        {
          domain: b.scale,
          higherIsBetter,
          title: fill(v.heatmapTitle, { basis: basisName }),
          description: v.heatmapDescription,
        },
      )
    : '';
  return {
    language: `<h3>${v.breakdowns}</h3><p class="note">${basis}</p><figure class="dumbbell"><figcaption>${esc(fill(v.dumbbellTitle, { basis: basisName }))}</figcaption>${dumbbell}</figure>`,
    rest: `<h3>${v.labBreakdowns}</h3>${breakdownTable(b, v)}${heatmap ? `<figure class="heatmap"><figcaption>${esc(fill(v.heatmapTitle, { basis: basisName }))}</figcaption><div class="scroll">${heatmap}</div></figure>` : ''}`,
  };
}

/** One row per breakdown, one column per generator: narrow however many breakdowns there are. */
function breakdownTable(b: VerdictBreakdowns, v: VerdictStrings): string {
  const generators = [...new Set(b.rows.flatMap((r) => r.cells.map((c) => c.generator)))];
  const rows = b.rows
    .map((r) => {
      const cells = generators
        .map((g) => {
          const c = r.cells.find((x) => x.generator === g);
          if (!c || c.mean === null) return '<td class="num">–</td>';
          const bad = r.key === 'zh-en' && clear(c.low, c.high) ? ' bad' : '';
          const ci = c.low === null ? '' : ` <span class="ci">[${fmt(c.low, 2)}, ${fmt(c.high, 2)}]</span>`;
          return `<td class="num${bad}">${fmt(c.mean, 2)}${ci}<span class="n">n=${c.n}</span></td>`;
        })
        .join('');
      return `<tr${r.key === 'zh-en' ? ' class="paired"' : ''}><th>${v[r.key]}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="breakdowns"><thead><tr><th>${v.breakdown}</th>${generators.map((g) => `<th>${esc(g)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
