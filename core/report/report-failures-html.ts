import { esc } from './html-escape.js';
import type { ReportData } from './report-data.js';
import { FAILURE_CATEGORIES, type ReportFailure } from './report-failures.js';
import { fill, type ReportStrings } from './report-strings.js';

/** Examples per kind in the HTML; report.json and failures.csv hold every failure. */
const EXAMPLES = 10;

/** One line of the HTML: a file or generation and one reason, with every metric that failed on it for that reason. */
interface Example {
  failure: ReportFailure;
  metrics: string[];
}

/** A line near the top when anything failed, linking to the failures section. */
export function failuresBanner(data: ReportData, t: ReportStrings): string {
  if (data.failures.length === 0) return '';
  return `<p class="banner failures-banner">${fill(t.failures.banner, { n: data.failures.length })} <a href="#failures">${t.failures.bannerLink}</a></p>`;
}

/** The failures by kind (generate, decode, score): counts, then the first examples with the user's file name, metric and reason. */
export function failuresSection(data: ReportData, t: ReportStrings): string {
  if (data.failures.length === 0) return '';
  const kinds = FAILURE_CATEGORIES.flatMap((category) => {
    const all = data.failures.filter((f) => f.category === category);
    if (all.length === 0) return [];
    const examples = group(all);
    const items = new Set(all.map((f) => f.generationKey)).size;
    const rows = examples
      .slice(0, EXAMPLES)
      .map(
        ({ failure: f, metrics }) =>
          `<tr><td>${esc(f.generatorId)}</td><td class="nowrap">${itemCell(f)}</td><td>${metrics.map((m) => `<code>${esc(m)}</code>`).join(' ')}</td><td class="msg">${f.errorCategory ? `<code class="category">${esc(f.errorCategory)}</code> ` : ''}${esc(f.message)}</td></tr>`,
      )
      .join('');
    const more = examples.length > EXAMPLES ? `<p class="note">${fill(t.failures.more, { n: examples.length - EXAMPLES })}</p>` : '';
    return [
      `<h3 class="failure-kind" data-category="${category}">${t.failures[category]} <small>${t.failures[`${category}Help`]}</small></h3>
<p class="count">${fill(t.failures.count, { n: all.length, items })}</p>
<div class="scroll"><table><thead><tr><th>${t.generator}</th><th>${t.failures.item}</th><th>${t.failures.metrics}</th><th>${t.failures.reason}</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`,
    ];
  });
  return `<section id="failures"><h2>${t.failures.heading} <small>${data.failures.length}</small></h2>
<p class="note">${fill(t.failures.note, { k: EXAMPLES })}</p>
${kinds.join('\n')}</section>`;
}

/** Failures of the same generation for the same reason are one line (a clip no video metric can read fails in each of them). */
function group(failures: readonly ReportFailure[]): Example[] {
  const lines = new Map<string, Example>();
  for (const f of failures) {
    const key = `${f.generationKey}\t${f.message}`;
    const line = lines.get(key) ?? { failure: f, metrics: [] };
    if (f.metricId) line.metrics.push(f.metricId);
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** The user's file, or the prompt, language and sample with the provider's request id. */
function itemCell(f: ReportFailure): string {
  if (f.file) return `<code>${esc(f.file)}</code>`;
  const request = f.request ? `<span class="n">${esc(f.request)}</span>` : '';
  return `<code>${esc(f.promptId)}</code> ${esc(f.language)} #${f.sample}${request}`;
}
