import type { ReportData } from '../report-data.js';
import { esc, fmt } from '../html-escape.js';
import { reasons } from '../report-agreement-html.js';
import { fill, valueLabel, type ReportStrings } from '../report-strings.js';
import { scatterChart } from '../charts/scatter-chart.js';
import { verdictScale } from './verdict-scale.js';
import type { FlaggedMetric } from './verdict-schema.js';
import type { VerdictStrings } from './verdict-strings.js';

/** How many of the most-disagreeing items each flagged metric shows beside its scatter plot. */
const SHOWN_ITEMS = 4;

/** Which metrics to trust, and each flagged one with why, its scatter against people and the items they disagree on most. */
export function verdictMetricsHtml(
  data: ReportData,
  thumbs: Readonly<Record<string, string>>,
  t: ReportStrings,
  v: VerdictStrings,
): string {
  const m = data.verdict.metrics;
  if (!m) return `<h3>${v.metrics}</h3><p class="note">${v.noStudy}</p>`;
  const dims = (list: readonly string[]) => list.map((d) => esc(valueLabel(t, d))).join(', ');
  const trusted = m.trusted.length
    ? `<p class="trusted"><b>${v.trusted}</b> ${m.trusted.map((x) => `<span class="badge good">${esc(x.metric)}</span> <span class="n-inline">${dims(x.dimensions)}</span>`).join(' · ')}</p>`
    : `<p class="note">${v.noneTrusted}</p>`;
  if (m.flagged.length === 0) return `<h3>${v.metrics}</h3>${trusted}<p class="ok">${v.noneFlagged}</p>`;
  const study = data.human.find((h) => h.study.id === m.study)!;
  const byKey = new Map(data.generations.map((g) => [g.key, g]));
  const generators = data.generators.map((g) => g.id);
  const cards = m.flagged
    .map((f) => {
      const pair = study.analysis!.agreement.find((a) => a.metric === f.metric && a.dimension === f.dimension)!;
      const evidence = f.group ? pair.byGroup.find((g) => g.by === f.group!.by && g.group === f.group!.group)! : pair;
      const dimension = valueLabel(t, f.dimension);
      const worst = new Set(f.disagreements);
      const chart = scatterChart(
        f.points.map((p) => ({
          x: p.metric,
          y: p.human,
          group: Math.max(0, generators.indexOf(p.generator)),
          label: `${p.generator} · ${byKey.get(p.item)?.promptId ?? p.item}`,
          highlight: worst.has(p.item),
        })),
        generators,
        {
          x: verdictScale(
            null,
            f.points.map((p) => p.metric),
          ),
          y: [1, 5],
          xTitle: fill(v.scatterX, { metric: f.metric }),
          yTitle: fill(v.scatterY, { dimension }),
          title: fill(v.scatterTitle, { metric: f.metric, dimension }),
          description: v.scatterDescription,
        },
      );
      const items = f.disagreements
        .slice(0, SHOWN_ITEMS)
        .map((item) => {
          const g = byKey.get(item);
          const point = f.points.find((p) => p.item === item);
          const img = thumbs[item]
            ? `<img src="${thumbs[item]}" alt="${esc(g?.text ?? item)}">`
            : `<div class="noimg">${t.noPreview}</div>`;
          return `<figure>${img}<figcaption><b>${esc(g?.generatorId ?? '')}</b> <span class="lang">${esc(g?.language ?? '')}</span><div class="ptext">${esc(g?.text ?? item)}</div>${fill(v.itemLine, { metric: esc(f.metric), value: fmt(point?.metric), mos: fmt(point?.human, 2) })}</figcaption></figure>`;
        })
        .join('');
      const where = f.group ? `${v.groupsOnly}: ${esc(f.group.group)}` : fill(v.flaggedOn, { dimensions: dims(f.dimensions) });
      return `<div class="flagged-card"><div class="card-head"><span class="badge bad">${t.flagged}</span> <code>${esc(f.metric)}</code> <span class="n-inline">${where}</span></div><p class="reasons">${reasons(evidence, t)}</p><div class="evidence">${chart}<div><div class="pairs-title">${v.worst}</div><div class="strip">${items}</div></div></div></div>`;
    })
    .join('');
  return `<h3>${v.metrics}</h3>${trusted}<p class="alert"><b>${v.flagged}</b> ${m.flagged.map((f) => `<code>${esc(f.metric)}</code>`).join(', ')}</p><div class="cards">${cards}</div>`;
}
