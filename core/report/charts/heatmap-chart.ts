import { esc, fmt } from '../html-escape.js';
import { svgFrame } from './svg-frame.js';

export interface HeatCell {
  row: string;
  column: string;
  value: number | null;
  /** Shown on hover: the interval and the count. */
  detail: string;
}

/**
 * A generator-by-category heatmap: a darker cell is better (whichever way the basis points),
 * its value written in it; a cell without items is left grey with a dash.
 */
export function heatmapChart(
  cells: readonly HeatCell[],
  rows: readonly { id: string; label: string }[],
  columns: readonly { id: string; label: string }[],
  scale: { domain: readonly [number, number]; higherIsBetter: boolean; title: string; description: string },
): string {
  const [left, top, cellW, cellH] = [150, 84, 64, 30];
  const width = left + columns.length * cellW + 90;
  const height = top + rows.length * cellH + 8;
  const [d0, d1] = scale.domain;
  const shade = (v: number) => {
    const t = Math.min(1, Math.max(0, (v - d0) / (d1 - d0 || 1)));
    return scale.higherIsBetter ? t : 1 - t;
  };
  // From a pale to the report's accent blue: lightness carries the value, so it survives grey print.
  const color = (s: number) =>
    `rgb(${Math.round(241 - s * (241 - 36))},${Math.round(245 - s * (245 - 87))},${Math.round(251 - s * (251 - 197))})`;
  const heads = columns
    // Slanted, so that long category names do not run into each other.
    .map(
      (c, j) =>
        `<text transform="translate(${left + j * cellW + cellW / 2 - 4} ${top - 8}) rotate(-35)" class="lbl">${esc(c.label)}</text>`,
    )
    .join('');
  const body = rows
    .map((r, i) => {
      const y = top + i * cellH;
      const label = `<text x="${left - 8}" y="${y + cellH / 2 + 4}" text-anchor="end" class="lbl">${esc(r.label)}</text>`;
      const marks = columns
        .map((c, j) => {
          const cell = cells.find((x) => x.row === r.id && x.column === c.id);
          const x = left + j * cellW;
          if (!cell || cell.value === null)
            return `<rect class="cell empty" x="${x + 1}" y="${y + 1}" width="${cellW - 2}" height="${cellH - 2}" fill="#f3f4f6"/><text x="${x + cellW / 2}" y="${y + cellH / 2 + 4}" text-anchor="middle" class="tick">–</text>`;
          const s = shade(cell.value);
          return `<rect class="cell" x="${x + 1}" y="${y + 1}" width="${cellW - 2}" height="${cellH - 2}" fill="${color(s)}" data-value="${cell.value}"><title>${esc(r.label)} · ${esc(c.label)}: ${esc(cell.detail)}</title></rect><text x="${x + cellW / 2}" y="${y + cellH / 2 + 4}" text-anchor="middle" class="val" fill="${s > 0.55 ? '#fff' : '#1d2330'}">${fmt(cell.value, 2)}</text>`;
        })
        .join('');
      return label + marks;
    })
    .join('');
  return svgFrame({ width, height }, { title: scale.title, description: scale.description }, heads + body);
}
