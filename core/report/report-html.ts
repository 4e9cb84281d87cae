import type { MeanCi } from '../analysis/mean-ci.js';
import type { GeneratorSummary, MetricInfo, ReportData } from './report-data.js';
import { esc, fmt } from './html-escape.js';
import { REPORT_CSS } from './report-style.js';
import { agreementSection, humanSections } from './report-human-html.js';

/** One comparison row of the gallery: the same prompt, language and sample from every generator. */
export interface GalleryRow {
  promptId: string;
  language: string;
  text: string;
  /** Thumbnail data URIs by generator id (missing when that generation failed). */
  cells: Record<string, { src: string; scores: Record<string, number | null> } | { error: string }>;
}

/** The whole report as one self-contained HTML page: no script, no external file. */
export function renderReportHtml(data: ReportData, gallery: readonly GalleryRow[], thumbs: Readonly<Record<string, string>> = {}): string {
  const synthetic = data.anySynthetic
    ? `<p class="banner">SYNTHETIC: generators marked <span class="badge">SYNTHETIC</span> draw test images from the prompts' expectations. They exercise the pipeline; their numbers say nothing about any real model.</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loupe report: ${esc(data.run.id)}</title><style>${REPORT_CSS}</style></head>
<body><main>
<h1>Loupe report <small>run ${esc(data.run.id)}</small></h1>
<p class="meta">Run status: ${esc(data.run.status)} · started ${esc(data.run.createdAt)} · report made ${esc(data.generatedAt)}${data.run.description ? ` · ${esc(data.run.description)}` : ''}</p>
${synthetic}
${agreementSection(data.human, thumbs)}
${humanSections(data.human)}
<h2>Generators${data.human.length ? ' <small>automatic metrics</small>' : ''}</h2>
${generatorTable(data)}
<p class="note">Means with 95% confidence intervals (Student's t over generations). Intervals that overlap do not establish an order. "n/a" counts generations a metric does not apply to: they are left out, never scored as zero.</p>
${data.metrics.length > 0 ? breakdownTables(data, 'byLanguage', 'By prompt language') + breakdownTables(data, 'byCategory', 'By prompt category') : '<p class="note">No automatic metric has scored this run yet (`loupe score`).</p>'}
<h2>Side by side</h2>
${galleryHtml(data, gallery)}
${failureTable(data)}
<h2>Metric provenance</h2>
${provenanceHtml(data.metrics)}
</main></body></html>
`;
}

function badge(g: GeneratorSummary): string {
  return g.synthetic ? ' <span class="badge">SYNTHETIC</span>' : '';
}

/** A mean with its interval; the interval is clipped to the metric's declared range (a t interval can cross it). */
function ciCell(s: MeanCi | undefined, extra = '', range?: readonly [number, number]): string {
  if (!s || s.mean === null) return `<td class="num">–${extra}</td>`;
  const clip = (v: number | null) => (v === null || !range ? v : Math.min(range[1], Math.max(range[0], v)));
  const ci = s.low === null ? '' : `<span class="ci">[${fmt(clip(s.low))}, ${fmt(clip(s.high))}]</span>`;
  return `<td class="num">${fmt(s.mean)} ${ci}<span class="n">n=${s.n}${extra}</span></td>`;
}

function generatorTable(data: ReportData): string {
  const head = data.metrics.map((m) => `<th title="${esc(m.description)}">${esc(m.id)} <span class="dir">${m.direction === 'higher-is-better' ? '↑' : '↓'}</span></th>`).join('');
  const rows = data.generators.map((g) => {
    const cells = data.metrics.map((m) => {
      const s = g.metrics[m.id];
      const extra = s && (s.notApplicable || s.errors) ? `${s.notApplicable ? ` · n/a ${s.notApplicable}` : ''}${s.errors ? ` · errors ${s.errors}` : ''}` : '';
      return ciCell(s, extra, m.range);
    }).join('');
    const failures = Object.entries(g.failures).map(([c, n]) => `${esc(c)} ${n}`).join(', ');
    return `<tr><th>${esc(g.id)}${badge(g)}<div class="type">${esc(g.type)}</div></th><td class="num">${g.done}/${g.planned}</td><td class="num">${g.failed}${failures ? `<span class="n">${failures}</span>` : ''}</td><td class="num">${fmt(g.meanLatencyMs, 0)}</td>${cells}</tr>`;
  });
  return `<div class="scroll"><table><thead><tr><th>generator</th><th>done</th><th>failed</th><th>latency ms</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function breakdownTables(data: ReportData, key: 'byLanguage' | 'byCategory', title: string): string {
  const groups = [...new Set(data.generators.flatMap((g) => Object.keys(g[key])))].sort();
  const tables = data.metrics.map((m) => {
    const head = groups.map((k) => `<th>${esc(k)}</th>`).join('');
    const rows = data.generators.map((g) => `<tr><th>${esc(g.id)}${badge(g)}</th>${groups.map((k) => ciCell(g[key][k]?.[m.id], '', m.range)).join('')}</tr>`).join('');
    return `<h3>${esc(m.id)}</h3><div class="scroll"><table><thead><tr><th>generator</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
  });
  return `<h2>${esc(title)}</h2>${tables.join('')}`;
}

function galleryHtml(data: ReportData, gallery: readonly GalleryRow[]): string {
  if (gallery.length === 0) return '<p class="note">No media yet.</p>';
  const head = data.generators.map((g) => `<th>${esc(g.id)}${badge(g)}</th>`).join('');
  const rows = gallery.map((row) => {
    const cells = data.generators.map((g) => {
      const cell = row.cells[g.id];
      if (!cell) return '<td></td>';
      if ('error' in cell) return `<td class="err">${esc(cell.error)}</td>`;
      const scores = Object.entries(cell.scores).filter(([, v]) => v !== null).map(([k, v]) => `${esc(k)} ${fmt(v)}`).join('<br>');
      return `<td><img src="${cell.src}" alt="${esc(g.id)}: ${esc(row.text)}"><div class="n">${scores}</div></td>`;
    }).join('');
    return `<tr><th class="prompt"><code>${esc(row.promptId)}</code> <span class="lang">${esc(row.language)}</span><div>${esc(row.text)}</div></th>${cells}</tr>`;
  });
  return `<div class="scroll"><table class="gallery"><thead><tr><th>prompt</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function failureTable(data: ReportData): string {
  if (data.failures.length === 0) return '';
  const rows = data.failures.slice(0, 200).map((f) => `<tr><td>${esc(f.generatorId)}</td><td><code>${esc(f.promptId)}</code> ${esc(f.language)}</td><td>${esc(f.category)}</td><td>${esc(f.message)}</td></tr>`).join('');
  const more = data.failures.length > 200 ? `<p class="note">${data.failures.length - 200} more in report.json.</p>` : '';
  return `<h2>Failed generations (${data.failures.length})</h2><table><thead><tr><th>generator</th><th>prompt</th><th>category</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function provenanceHtml(metrics: readonly MetricInfo[]): string {
  if (metrics.length === 0) return '<p class="note">No metric has run.</p>';
  return metrics.map((m) => `<details><summary><b>${esc(m.id)}</b> v${esc(m.version)}: ${esc(m.description)}</summary><pre>${esc(JSON.stringify(m.provenance, null, 2))}</pre></details>`).join('');
}
