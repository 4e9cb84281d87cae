import type { CompositionSummary } from './composition-tasks.js';
import { esc, fmt } from './html-escape.js';
import { fill, valueLabel, type ReportStrings } from './report-strings.js';

/** GenEval-style pass rates per generator and task, with the overall score: nothing when no composition score exists. */
export function compositionSection(summaries: readonly CompositionSummary[], t: ReportStrings): string {
  if (summaries.length === 0) return '';
  const tasks = [...new Set(summaries.flatMap((s) => s.tasks.map((x) => x.task)))];
  const pct = (x: number) => `${fmt(100 * x, 1)}%`;
  const head = tasks.map((task) => `<th>${esc(valueLabel(t, task))}</th>`).join('');
  const rows = summaries.map((s) => {
    const cells = tasks.map((task) => {
      const x = s.tasks.find((r) => r.task === task);
      if (!x) return '<td class="num">–</td>';
      return `<td class="num">${pct(x.rate)}<span class="n">[${pct(x.low)}, ${pct(x.high)}] · ${x.correct}/${x.images}</span></td>`;
    });
    const notJudged = s.notJudged ? `<span class="n">${fill(t.notJudged, { n: s.notJudged })}</span>` : '';
    return `<tr><th>${esc(s.generatorId)}</th><td class="num"><b>${s.overall === null ? '–' : pct(s.overall)}</b></td>${cells.join('')}<td class="num">${s.correctImages}/${s.images}${notJudged}</td><td class="num">${s.correctPrompts}/${s.prompts}</td></tr>`;
  });
  return `<h2>${t.composition}</h2>
<p class="note">${t.compositionNote}</p>
<div class="scroll"><table class="composition"><thead><tr><th>${t.generator}</th><th>${t.overall}</th>${head}<th>${t.correctImages}</th><th>${t.correctPrompts}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
