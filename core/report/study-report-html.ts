import type { Reliability } from '../analysis/index.js';
import { esc, fmt } from './html-escape.js';
import { humanSections } from './report-human-html.js';
import { reportPage } from './report-page.js';
import { REPORT_STRINGS, fill, formatDate, valueLabel, type ReportLanguage, type ReportStrings } from './report-strings.js';
import type { StudyReportData } from './study-report-data.js';

/**
 * The report of one study's human data alone (study-report.html, study-report.zh.html): what is
 * not available first, then rater agreement and screening per dimension, then the rankings or
 * arena scores the report itself shows, where the ratings name generators.
 */
export function renderStudyReportHtml(data: StudyReportData, language: ReportLanguage = 'en'): string {
  const t = REPORT_STRINGS[language];
  const other = REPORT_STRINGS[language === 'en' ? 'zh' : 'en'];
  const meta = fill(t.studyReportMeta, {
    run: esc(data.study.runId),
    created: esc(formatDate(t, data.study.createdAt)),
    made: esc(formatDate(t, data.generatedAt)),
  });
  const missing = data.notAvailable.length
    ? `<h2>${t.notAvailableHeading}</h2><p class="note">${t.notAvailableNote}</p><ul class="not-available">${data.notAvailable
        .map((k) => `<li>${t.notAvailable[k]}</li>`)
        .join('')}</ul>`
    : '';
  const ranked = !data.notAvailable.includes('rankings');
  return reportPage(
    language,
    fill(t.studyTitle, { study: esc(data.study.id) }),
    `<h1>${t.studyHeading} <small>${fill(t.studyLabel, { study: esc(data.study.id) })}</small></h1>
<p class="meta">${meta}</p>
${missing}
${data.reliability.length ? reliabilitySection(data.reliability, t) : ''}
${ranked ? humanSections([data.human], t) : ''}`,
    other.studyFile,
  );
}

function reliabilitySection(dimensions: readonly Reliability[], t: ReportStrings): string {
  const rows = dimensions
    .map((d) => {
      const out = d.screening.filter((s) => s.rejected);
      const screened = out.length
        ? out
            .map((s) => `<b>${esc(s.rater)}</b>: ${s.findings.map((f) => esc(fill(t.screening[f.check], f.values))).join('; ')}`)
            .join('<br>')
        : t.noneRejected;
      const a = d.alpha;
      return `<tr><th>${esc(valueLabel(t, d.dimension))}</th><td class="num">${d.raters}</td><td class="num">${d.items}</td><td class="num">${d.ratings}</td><td class="num">${fmt(a.nominal, 3)}</td><td class="num">${fmt(a.ordinal, 3)}</td><td class="num">${fmt(a.interval, 3)}</td><td class="num">${fmt(a.ratio, 3)}</td><td class="num">${a.units} / ${a.values}</td><td>${screened}</td></tr>`;
    })
    .join('');
  return `<h2>${t.reliabilityHeading}</h2><p class="note">${t.reliabilityNote}</p><div class="scroll"><table><thead><tr><th>${t.dimension}</th><th>${t.raters}</th><th>${t.items}</th><th>${t.ratings}</th><th>${t.alphaNominal}</th><th>${t.alphaOrdinal}</th><th>${t.alphaInterval}</th><th>${t.alphaRatio}</th><th>${t.pairable}</th><th>${t.bt500Rejects}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
