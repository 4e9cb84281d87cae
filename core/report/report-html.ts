import type { MeanCi } from '../analysis/index.js';
import type { GeneratorSummary, MetricInfo, ReportData, ReportGeneration } from './report-data.js';
import { scoreNotes } from './score-notes.js';
import { esc, fmt } from './html-escape.js';
import { reportPage } from './report-page.js';
import { humanSections, simulatedBanner } from './report-human-html.js';
import { agreementSection } from './report-agreement-html.js';
import { REPORT_STRINGS, fill, formatDate, valueLabel, type ReportLanguage, type ReportStrings } from './report-strings.js';
import { videoSection } from './video-section.js';
import { spendCell, spendSection } from './report-spend-html.js';
import { ledgerBanner, ledgerSection } from './report-ledger-html.js';
import { failuresBanner, failuresSection } from './report-failures-html.js';
import { compositionSection } from './report-composition-html.js';
import { verdictSection } from './verdict/verdict-html.js';
import { compareSection } from './report-compare-html.js';

/** One comparison row of the gallery: the same prompt, language and sample from every generator. */
export interface GalleryRow {
  promptId: string;
  language: string;
  text: string;
  /** Thumbnail data URIs by generator id (missing when that generation failed; `noPreview` says why a made one has none). */
  cells: Record<
    string,
    { src: string; noPreview?: string; scores: Record<string, number | null>; details: ReportGeneration['details'] } | { error: string }
  >;
}

/**
 * The whole report as one self-contained HTML page (no script, no external file) in one
 * language, with a link to the same report in the other (report.html and report.zh.html).
 */
export function renderReportHtml(
  data: ReportData,
  gallery: readonly GalleryRow[],
  thumbs: Readonly<Record<string, string>> = {},
  language: ReportLanguage = 'en',
): string {
  const t = REPORT_STRINGS[language];
  const synthetic = data.anySynthetic
    ? `<p class="banner">${fill(t.syntheticBanner, { badge: `<span class="badge">${t.synthetic}</span>` })}</p>`
    : '';
  const meta = fill(t.meta, {
    status: esc(valueLabel(t, data.run.status)),
    started: esc(formatDate(t, data.run.createdAt)),
    made: esc(formatDate(t, data.generatedAt)),
  });
  return reportPage(
    language,
    fill(t.title, { run: esc(data.run.id) }),
    `<h1>${t.heading} <small>${fill(t.runLabel, { run: esc(data.run.id) })}</small></h1>
<p class="meta">${meta}${data.run.description ? ` · ${esc(data.run.description)}` : ''}</p>
${synthetic}
${simulatedBanner(data.human, t)}
${data.languageGaps
  .map(
    (g) =>
      `<p class="note language-gap">${fill(t.languageMissing, { set: `<code>${esc(g.promptSetId)}</code>`, missing: esc(g.asked.filter((l) => !g.made.includes(l)).join(', ')), made: esc(g.made.join(', ') || '–') })}</p>`,
  )
  .join('\n')}
${failuresBanner(data, t)}
${ledgerBanner(data, t)}
${verdictSection(data, thumbs, language)}
${compareSection(data.comparison, thumbs, language, t)}
${agreementSection(data.human, thumbs, t)}
${humanSections(data.human, t)}
<h2>${t.generators}${data.human.length ? ` <small>${t.automaticMetrics}</small>` : ''}</h2>
${generatorTable(data, t)}
<p class="note">${t.generatorNote}</p>
${videoSection(data, language)}
${compositionSection(data.composition, t)}
${data.metrics.length > 0 ? breakdownTables(data, 'byLanguage', t.byLanguage, t) + breakdownTables(data, 'byCategory', t.byCategory, t) : `<p class="note">${t.noMetricYet}</p>`}
<h2>${t.sideBySide}</h2>
${galleryHtml(data, gallery, t)}
${failuresSection(data, t)}
${spendSection(data, t)}
${ledgerSection(data, t)}
<h2>${t.provenance}</h2>
${provenanceHtml(data.metrics, t)}`,
  );
}

function badge(g: GeneratorSummary, t: ReportStrings): string {
  return g.synthetic ? ` <span class="badge">${t.synthetic}</span>` : '';
}

/** A mean with its interval (already cut at the metric's declared range by the report data). */
function ciCell(s: MeanCi | undefined, extra = ''): string {
  if (!s || s.mean === null) return `<td class="num">–${extra}</td>`;
  const ci = s.low === null ? '' : `<span class="ci">[${fmt(s.low)}, ${fmt(s.high)}]</span>`;
  return `<td class="num">${fmt(s.mean)} ${ci}<span class="n">n=${s.n}${extra}</span></td>`;
}

function generatorTable(data: ReportData, t: ReportStrings): string {
  const head = data.metrics
    .map(
      (m) =>
        `<th title="${esc(m.description)}">${esc(m.id)} <span class="dir">${m.direction === 'higher-is-better' ? '↑' : '↓'}</span></th>`,
    )
    .join('');
  const rows = data.generators.map((g) => {
    const cells = data.metrics
      .map((m) => {
        const s = g.metrics[m.id];
        const extra = `${s?.rank ? ` · ${fill(t.itemRank, { rank: s.rank })}` : ''}${s?.notApplicable ? ` · ${fill(t.notApplicable, { n: s.notApplicable })}` : ''}${s?.errors ? ` · ${fill(t.errors, { n: s.errors })}` : ''}`;
        return ciCell(s, extra);
      })
      .join('');
    const failures = Object.entries(g.failures)
      .map(([c, n]) => `${esc(c)} ${n}`)
      .join(', ');
    return `<tr><th>${esc(g.id)}${badge(g, t)}<div class="type">${esc(g.type)}</div></th><td class="num">${g.done}/${g.planned}</td><td class="num">${g.failed}${failures ? `<span class="n">${failures}</span>` : ''}</td><td class="num">${fmt(g.meanLatencyMs, 0)}</td>${spendCell(g)}${cells}</tr>`;
  });
  return `<div class="scroll"><table><thead><tr><th>${t.generator}</th><th>${t.done}</th><th>${t.failed}</th><th>${t.latency}</th><th>${t.spent}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function breakdownTables(data: ReportData, key: 'byLanguage' | 'byCategory', title: string, t: ReportStrings): string {
  const groups = [...new Set(data.generators.flatMap((g) => Object.keys(g[key])))].sort();
  // One row per language or category and one column per generator (a run has few generators and many categories),
  // folded per metric: the verdict has the breakdowns a reader looks for first.
  const tables = data.metrics.map((m) => {
    const head = data.generators.map((g) => `<th>${esc(g.id)}${badge(g, t)}</th>`).join('');
    const rows = groups
      .map((k) => `<tr><th>${esc(valueLabel(t, k))}</th>${data.generators.map((g) => ciCell(g[key][k]?.[m.id])).join('')}</tr>`)
      .join('');
    return `<details class="breakdown"><summary><b>${esc(m.id)}</b></summary><div class="scroll"><table class="compact"><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
  });
  return `<h2>${title}</h2>${tables.join('')}`;
}

function galleryHtml(data: ReportData, gallery: readonly GalleryRow[], t: ReportStrings): string {
  if (gallery.length === 0) return `<p class="note">${t.noMedia}</p>`;
  const head = data.generators.map((g) => `<th>${esc(g.id)}${badge(g, t)}</th>`).join('');
  const rows = gallery.map((row) => {
    const cells = data.generators
      .map((g) => {
        const cell = row.cells[g.id];
        if (!cell) return '<td></td>';
        if ('error' in cell) return `<td class="err">${esc(cell.error)}</td>`;
        const scores = Object.entries(cell.scores)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${esc(k)} ${fmt(v)}`)
          .join('<br>');
        const notes = scoreNotes(cell.details, t)
          .map((n) => `<span class="note-line">${n}</span>`)
          .join('');
        const picture =
          cell.noPreview === undefined
            ? `<img src="${cell.src}" alt="${esc(g.id)}: ${esc(row.text)}">`
            : `<div class="err">${esc(fill(t.galleryNoPreview, { reason: cell.noPreview }))}</div>`;
        return `<td>${picture}<div class="n">${scores}</div>${notes ? `<div class="score-notes">${notes}</div>` : ''}</td>`;
      })
      .join('');
    return `<tr><th class="prompt"><code>${esc(row.promptId)}</code> <span class="lang">${esc(row.language)}</span><div>${esc(row.text)}</div></th>${cells}</tr>`;
  });
  const all = new Set(data.generations.filter((g) => g.sample === 0).map((g) => `${g.promptSetId}/${g.promptId}/${g.language}`)).size;
  const sampled = all > gallery.length ? `<p class="note">${fill(t.gallerySampled, { shown: gallery.length, all })}</p>` : '';
  return `${sampled}<div class="scroll"><table class="gallery"><thead><tr><th>${t.prompt}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function provenanceHtml(metrics: readonly MetricInfo[], t: ReportStrings): string {
  if (metrics.length === 0) return `<p class="note">${t.noMetric}</p>`;
  return metrics
    .map(
      (m) =>
        `<details><summary><b>${esc(m.id)}</b> v${esc(m.version)}: ${esc(m.description)}</summary><pre>${esc(JSON.stringify(m.provenance, null, 2))}</pre></details>`,
    )
    .join('');
}
