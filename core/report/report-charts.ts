import { esc, fmt } from './html-escape.js';

export interface IntervalRow {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
  /** Shown at the right end, e.g. the rank range. */
  note?: string;
  highlight?: boolean;
}

/**
 * A horizontal interval chart as inline SVG (no script, no library): a dot at the estimate and
 * a bar over its interval, on a fixed axis so that charts of one scale compare at a glance.
 */
export function intervalChart(
  rows: readonly IntervalRow[],
  axis: { min: number; max: number; ticks: readonly number[]; title: string },
): string {
  const left = 150;
  const width = 440;
  const right = 70;
  const rowH = 24;
  const top = 8;
  const h = top + rows.length * rowH + 40;
  const x = (v: number) => left + ((Math.min(axis.max, Math.max(axis.min, v)) - axis.min) / (axis.max - axis.min)) * width;
  const grid = axis.ticks
    .map(
      (t) =>
        `<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${h - 34}" stroke="#e3e7ed"/><text x="${x(t)}" y="${h - 20}" text-anchor="middle" class="tick">${Number.isInteger(t) && Math.abs(t) >= 10 ? t : fmt(t, 1)}</text>`,
    )
    .join('');
  const marks = rows
    .map((r, i) => {
      const y = top + i * rowH + rowH / 2;
      const color = r.highlight ? '#b3261e' : '#2457c5';
      const bar =
        r.low !== null && r.high !== null
          ? `<line x1="${x(r.low)}" x2="${x(r.high)}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="4" stroke-opacity=".35" stroke-linecap="round"/>`
          : '';
      return `<text x="${left - 8}" y="${y + 4}" text-anchor="end" class="lbl">${esc(r.label)}</text>${bar}<circle cx="${x(r.value)}" cy="${y}" r="5" fill="${color}"><title>${esc(r.label)}: ${fmt(r.value)} [${fmt(r.low)}, ${fmt(r.high)}]</title></circle><text x="${left + width + 10}" y="${y + 4}" class="note">${esc(r.note ?? '')}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${esc(axis.title)}" viewBox="0 0 ${left + width + right} ${h}" width="${left + width + right}" height="${h}" xmlns="http://www.w3.org/2000/svg">${grid}${marks}<text x="${left + width / 2}" y="${h - 3}" text-anchor="middle" class="tick">${esc(axis.title)}</text></svg>`;
}

/** Ticks for an axis over [min, max] at a round step. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const raw = (max - min) / count;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) out.push(Number(t.toFixed(10)));
  return out;
}
