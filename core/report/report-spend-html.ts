import { formatUsd } from '../types/index.js';
import { esc } from './html-escape.js';
import type { ReportData } from './report-data.js';
import type { SpendLine } from './report-spend.js';
import type { ReportStrings } from './report-strings.js';

/** A spend in a table cell: "≥" when some done generations have no stored cost, a dash when nothing is done. */
export function spendCell(s: SpendLine | undefined): string {
  if (!s || s.done === 0) return '<td class="num">–</td>';
  return `<td class="num">${s.costUnknown > 0 ? '≥ ' : ''}${esc(formatUsd(s.costUsd))}<span class="n">n=${s.done}</span></td>`;
}

/** Generators down, prompt sets across, with the total of each row and column: every sum of the spend in one table. */
export function spendSection(data: ReportData, t: ReportStrings): string {
  const { spend } = data;
  const sets = spend.byPromptSet.map((s) => s.promptSet);
  const cells = new Map(spend.byGeneratorAndPromptSet.map((c) => [`${c.generatorId}\n${c.promptSet}`, c]));
  const head = sets.map((s) => `<th>${esc(s)}</th>`).join('');
  const rows = data.generators.map(
    (g) =>
      `<tr><th>${esc(g.id)}<div class="type">${esc(g.type)}</div></th>${sets.map((s) => spendCell(cells.get(`${g.id}\n${s}`))).join('')}${spendCell(g)}</tr>`,
  );
  const totals = `<tr class="total"><th>${t.total}</th>${spend.byPromptSet.map(spendCell).join('')}${spendCell(spend)}</tr>`;
  return `<h2>${t.spend}</h2>
<div class="scroll"><table><thead><tr><th>${t.generator} \\ ${t.promptSet}</th>${head}<th>${t.total}</th></tr></thead><tbody>${rows.join('')}${totals}</tbody></table></div>
<p class="note">${t.spendNote}</p>`;
}
