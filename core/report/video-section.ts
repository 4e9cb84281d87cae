import type { MeanCi } from '../analysis/index.js';
import { esc, fmt } from './html-escape.js';
import type { ReportData } from './report-data.js';
import { fill, REPORT_STRINGS, type ReportLanguage } from './report-strings.js';

/** The video metrics, motion first: consistency and flicker are only read next to it. */
const COLUMNS = ['motion', 'temporal-consistency', 'flicker', 'video-clip-score', 'video-aesthetic', 'video-checks'] as const;
/** Consistency and flicker reward stillness: they get the warning when most of a generator's clips are still. */
const FLATTERED_BY_STILLNESS = new Set<string>(['temporal-consistency', 'flicker']);

function cell(s: MeanCi | undefined, warning: string): string {
  if (!s || s.mean === null) return '<td class="num">–</td>';
  const ci = s.low === null ? '' : ` <span class="ci">[${fmt(s.low)}, ${fmt(s.high)}]</span>`;
  const warn = warning ? ` <span class="badge" title="${esc(warning)}">⚠</span>` : '';
  return `<td class="num">${fmt(s.mean)}${ci}${warn}<span class="n">n=${s.n}</span></td>`;
}

/**
 * Per generator, motion next to temporal consistency, flicker and the other video metrics, with
 * the share of still clips, so that a generator of frozen clips cannot look best. Empty when no
 * video has been scored.
 */
export function videoSection(data: ReportData, language: ReportLanguage = 'en'): string {
  const t = REPORT_STRINGS[language].video;
  const info = new Map(data.metrics.map((m) => [m.id, m]));
  if (!info.has('motion')) return '';
  const columns = COLUMNS.filter((id) => info.has(id));
  const head = columns
    .map(
      (id) =>
        `<th title="${esc(info.get(id)!.description)}">${esc(id)} <span class="dir">${info.get(id)!.direction === 'higher-is-better' ? '↑' : '↓'}</span></th>`,
    )
    .join('');
  const thresholds = new Set<number>();
  const rows = data.generators.flatMap((g) => {
    const motions = data.generations.flatMap((x) =>
      x.generatorId === g.id && typeof x.scores.motion === 'number' ? [x.details.motion ?? {}] : [],
    );
    if (motions.length === 0) return [];
    for (const m of motions) if (typeof m.threshold === 'number') thresholds.add(m.threshold);
    // The metric's own verdict: a clip is still when too few of its frame pairs move, whatever its mean motion.
    const still = motions.filter((m) => m.dynamic === false).length;
    const mostlyStill = still * 2 >= motions.length;
    const cells = columns.map((id) => cell(g.metrics[id], mostlyStill && FLATTERED_BY_STILLNESS.has(id) ? t.mostlyStill : '')).join('');
    return [`<tr><th>${esc(g.id)}</th><td class="num">${motions.length}</td><td class="num">${still}</td>${cells}</tr>`];
  });
  if (rows.length === 0) return '';
  return `<h2>${t.heading}</h2>
<p class="note">${fill(t.note, { threshold: [...thresholds].sort((a, b) => a - b).join(' / ') })}</p>
<div class="scroll"><table><thead><tr><th>${t.generator}</th><th>${t.clips}</th><th>${t.still}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
