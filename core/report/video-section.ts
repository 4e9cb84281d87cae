import type { MeanCi } from '../analysis/index.js';
import type { ScoreRecord } from '../types/index.js';
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

/** Each clip's motion threshold by generation key, as its motion score recorded it: below it the clip counts as still. */
export function motionThresholds(scores: readonly Pick<ScoreRecord, 'generationKey' | 'details'>[]): Map<string, number> {
  return new Map(scores.flatMap((s) => (typeof s.details.threshold === 'number' ? [[s.generationKey, s.details.threshold] as const] : [])));
}

/**
 * Per generator, motion next to temporal consistency, flicker and the other video metrics, with
 * the share of still clips, so that a generator of frozen clips cannot look best. Empty when no
 * video has been scored.
 */
export function videoSection(data: ReportData, stillBelow: ReadonlyMap<string, number>, language: ReportLanguage = 'en'): string {
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
      x.generatorId === g.id && typeof x.scores.motion === 'number' ? [{ value: x.scores.motion, threshold: stillBelow.get(x.key) }] : [],
    );
    if (motions.length === 0) return [];
    for (const m of motions) if (m.threshold !== undefined) thresholds.add(m.threshold);
    const still = motions.filter((m) => m.threshold !== undefined && m.value < m.threshold).length;
    const mostlyStill = still * 2 >= motions.length;
    const cells = columns.map((id) => cell(g.metrics[id], mostlyStill && FLATTERED_BY_STILLNESS.has(id) ? t.mostlyStill : '')).join('');
    return [`<tr><th>${esc(g.id)}</th><td class="num">${motions.length}</td><td class="num">${still}</td>${cells}</tr>`];
  });
  if (rows.length === 0) return '';
  return `<h2>${t.heading}</h2>
<p class="note">${fill(t.note, { threshold: [...thresholds].sort((a, b) => a - b).join(' / ') })}</p>
<div class="scroll"><table><thead><tr><th>${t.generator}</th><th>${t.clips}</th><th>${t.still}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
