import { esc, fmt } from '../html-escape.js';
import { niceTicks } from '../report-charts.js';
import { legend, linear, svgFrame, tickLabel } from './svg-frame.js';

export interface DumbbellRow {
  label: string;
  /** The two ends: the first drawn hollow, the second filled; null draws no end. */
  a: number | null;
  b: number | null;
  /** Written at the right end, e.g. the paired difference with its interval. */
  note: string;
  /** Drawn in red: the difference is clearly not zero. */
  highlight?: boolean;
}

const A_COLOR = '#0072b2';
const B_COLOR = '#d55e00';

/** Two values per row joined by a bar (Chinese against English per generator): the length of the bar is the gap. */
export function dumbbellChart(
  rows: readonly DumbbellRow[],
  axis: { domain: readonly [number, number]; title: string; aLabel: string; bLabel: string; description: string },
  /** Widths of the label column, the plot and the notes' column. */
  columns: readonly [number, number, number] = [150, 400, 290],
): string {
  const [left, plotW, right] = columns;
  const [rowH, top] = [26, 26];
  const width = left + plotW + right;
  const height = top + rows.length * rowH + 40;
  const x = linear(axis.domain, [left, left + plotW]);
  const ticks = niceTicks(axis.domain[0], axis.domain[1], 5);
  const step = ticks[1]! - ticks[0]!;
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${height - 34}" stroke="#e3e7ed"/><text x="${x(t)}" y="${height - 20}" text-anchor="middle" class="tick">${tickLabel(t, step)}</text>`,
    )
    .join('');
  const marks = rows
    .map((r, i) => {
      const y = top + i * rowH + rowH / 2;
      const color = r.highlight ? '#b3261e' : '#8c96a3';
      const bar =
        r.a !== null && r.b !== null
          ? `<line class="bar" x1="${x(r.a)}" x2="${x(r.b)}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="3"/>`
          : '';
      const end = (v: number | null, fill: string, stroke: string, name: string) =>
        v === null
          ? ''
          : `<circle class="end" cx="${x(v).toFixed(2)}" cy="${y}" r="6" fill="${fill}" stroke="${stroke}" stroke-width="2"><title>${esc(r.label)} · ${esc(name)}: ${fmt(v, 2)}</title></circle>`;
      return `<text x="${left - 8}" y="${y + 4}" text-anchor="end" class="lbl">${esc(r.label)}</text>${bar}${end(r.a, '#fff', A_COLOR, axis.aLabel)}${end(r.b, B_COLOR, B_COLOR, axis.bLabel)}<text x="${left + plotW + 12}" y="${y + 4}" class="note"${r.highlight ? ' fill="#b3261e"' : ''}>${esc(r.note)}</text>`;
    })
    .join('');
  const key = legend(
    [
      { label: axis.aLabel, color: A_COLOR, hollow: true },
      { label: axis.bLabel, color: B_COLOR },
    ],
    left,
    14,
  );
  const title = `<text x="${left + plotW / 2}" y="${height - 3}" text-anchor="middle" class="tick">${esc(axis.title)}</text>`;
  return svgFrame({ width, height }, { title: axis.title, description: axis.description }, key + grid + marks + title);
}
