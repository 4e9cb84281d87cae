import { esc, fmt } from '../html-escape.js';
import { niceTicks } from '../report-charts.js';
import { colorOf, legend, linear, svgFrame, tickLabel } from './svg-frame.js';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Index into `groups` (the colour). */
  group: number;
  label: string;
  /** Ringed in red: the items where metric and people disagree most. */
  highlight?: boolean;
}

/**
 * A metric against people: one dot per rated item (x the metric's score, y its MOS), coloured by
 * generator, the most-disagreeing items ringed. A metric that agrees draws a rising cloud.
 */
export function scatterChart(
  points: readonly ScatterPoint[],
  groups: readonly string[],
  axes: { x: readonly [number, number]; y: readonly [number, number]; xTitle: string; yTitle: string; title: string; description: string },
  /** The plotting area; a small chart may leave out its colour key. */
  plot: { width: number; height: number; legend: boolean } = { width: 400, height: 240, legend: true },
): string {
  const [left, top, plotW, plotH] = [56, 12, plot.width, plot.height];
  const width = left + plotW + 24;
  const height = top + plotH + (plot.legend ? 70 : 44);
  const x = linear(axes.x, [left, left + plotW]);
  const y = linear(axes.y, [top + plotH, top]);
  const xTicks = niceTicks(axes.x[0], axes.x[1], 5);
  const yTicks = niceTicks(axes.y[0], axes.y[1], 4);
  const xStep = xTicks[1]! - xTicks[0]!;
  const yStep = yTicks[1]! - yTicks[0]!;
  const grid =
    xTicks
      .map(
        (t) =>
          `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${top + plotH}" stroke="#e3e7ed"/><text x="${x(t)}" y="${top + plotH + 16}" text-anchor="middle" class="tick">${tickLabel(t, xStep)}</text>`,
      )
      .join('') +
    yTicks
      .map(
        (t) =>
          `<line class="grid" x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e7ed"/><text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" class="tick">${tickLabel(t, yStep)}</text>`,
      )
      .join('');
  const dots = points
    .map(
      (p) =>
        `<circle class="pt" cx="${x(p.x).toFixed(2)}" cy="${y(p.y).toFixed(2)}" r="3.5" fill="${colorOf(p.group)}" fill-opacity=".65"${p.highlight ? ' stroke="#b3261e" stroke-width="2"' : ''}><title>${esc(p.label)}: ${fmt(p.x)}, ${fmt(p.y, 2)}</title></circle>`,
    )
    .join('');
  const titles = `<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle" class="tick">${esc(axes.xTitle)}</text><text transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" class="tick">${esc(axes.yTitle)}</text>`;
  const key = plot.legend
    ? legend(
        groups.map((g, i) => ({ label: g, color: colorOf(i) })),
        left,
        height - 8,
      )
    : '';
  return svgFrame({ width, height }, { title: axes.title, description: axes.description }, `${grid}${dots}${titles}${key}`);
}
