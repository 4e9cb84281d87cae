// Callbacks given to page.evaluate run in Chromium, with the DOM.
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dumbbellChart } from '../../../core/report/charts/dumbbell-chart.js';
import { heatmapChart } from '../../../core/report/charts/heatmap-chart.js';
import { scatterChart } from '../../../core/report/charts/scatter-chart.js';
import { launchChromium } from '../../rater-ui/web/browser.js';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => browser.close());

/** Parses the SVG as XML in Chromium (a parse error is an element there) and reads what a test asks of it. */
async function parsed<T>(svg: string, read: string): Promise<T> {
  return page.evaluate(
    ([text, body]) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      if (doc.getElementsByTagName('parsererror').length > 0) throw new Error(`not well-formed: ${doc.documentElement.textContent}`);
      return new Function('doc', body)(doc) as T;
    },
    [svg, read] as const,
  );
}

/** The x of each labelled vertical grid line: the axis a reader sees, to place values by. */
const X_AXIS = `return [...doc.querySelectorAll('line')].filter((l) => l.getAttribute('x1') === l.getAttribute('x2') && l.nextElementSibling?.tagName === 'text')
  .map((l) => [Number(l.nextElementSibling.textContent), Number(l.getAttribute('x1'))]);`;

const at = (axis: [number, number][], v: number) => {
  const [[v0, x0], [v1, x1]] = [axis[0]!, axis[axis.length - 1]!];
  return x0 + ((v - v0) / (v1 - v0)) * (x1 - x0);
};

describe('the verdict charts', () => {
  it('draws one dot per item of a scatter where its axes put it, the disagreeing items ringed', async () => {
    const points = [
      { x: 0, y: 1, group: 0, label: 'a' },
      { x: 5, y: 3, group: 1, label: 'b', highlight: true },
      { x: 10, y: 5, group: 0, label: 'c' },
      { x: 7.5, y: 2, group: 1, label: '中文 d' },
    ];
    const svg = scatterChart(points, ['gen-a', '生成器 b'], {
      x: [0, 10],
      y: [1, 5],
      xTitle: 'm',
      yTitle: 'MOS',
      title: 'm against people',
      description: 'd',
    });
    const read = await parsed<{ dots: [number, number, boolean][]; title: string; role: string; axis: [number, number][]; keys: number }>(
      svg,
      `const svg = doc.documentElement;
       return { dots: [...doc.querySelectorAll('circle.pt')].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy')), c.getAttribute('stroke') !== null]),
         title: svg.querySelector('title').textContent, role: svg.getAttribute('role'), keys: doc.querySelectorAll('g.key').length,
         axis: (() => { ${X_AXIS} })() };`,
    );
    expect([read.role, read.title, read.keys]).toEqual(['img', 'm against people', 2]);
    expect(read.dots).toHaveLength(4);
    for (const [i, p] of points.entries()) expect(read.dots[i]![0]).toBeCloseTo(at(read.axis, p.x), 1);
    // Higher MOS is higher on the page: a smaller y.
    expect(read.dots[2]![1]).toBeLessThan(read.dots[1]![1]);
    expect(read.dots[1]![1]).toBeLessThan(read.dots[0]![1]);
    expect(read.dots.map((d) => d[2])).toEqual([false, true, false, false]);
  });

  it('draws two ends per generator of a dumbbell, a bar between them, and red where the gap is clear', async () => {
    const svg = dumbbellChart(
      [
        { label: 'gen-a', a: 2, b: 4, note: 'zh − en 2.00' },
        { label: 'gen-b', a: 3.5, b: 1.5, note: 'zh − en -2.00', highlight: true },
        { label: 'gen-c', a: 3, b: null, note: '' },
      ],
      { domain: [1, 5], title: 'zh against en', aLabel: 'English', bLabel: '中文', description: 'd' },
    );
    const read = await parsed<{ ends: number[]; bars: string[]; axis: [number, number][] }>(
      svg,
      `return { ends: [...doc.querySelectorAll('circle.end')].map((c) => Number(c.getAttribute('cx'))),
         bars: [...doc.querySelectorAll('line.bar')].map((l) => l.getAttribute('stroke')), axis: (() => { ${X_AXIS} })() };`,
    );
    expect(read.ends).toHaveLength(5);
    [2, 4, 3.5, 1.5, 3].forEach((v, i) => expect(read.ends[i]).toBeCloseTo(at(read.axis, v), 1));
    expect(read.bars).toEqual(['#8c96a3', '#b3261e']);
  });

  it('fills a heatmap cell per generator and category, darker when better, a grey dash where no item is', async () => {
    const cells = [
      { row: 'a', column: 'counting', value: 4.5, detail: '' },
      { row: 'a', column: 'poetry', value: 2, detail: '' },
      { row: 'b', column: 'counting', value: 3, detail: '' },
    ];
    const rows = [
      { id: 'a', label: 'a' },
      { id: 'b', label: 'b' },
    ];
    const columns = [
      { id: 'counting', label: '计数' },
      { id: 'poetry', label: '古诗词' },
    ];
    const read = (higherIsBetter: boolean) =>
      parsed<{ filled: [string, number][]; empty: number }>(
        heatmapChart(cells, rows, columns, { domain: [1, 5], higherIsBetter, title: 't', description: 'd' }),
        `const light = (c) => c.match(/\\d+/g).map(Number).reduce((a, b) => a + b, 0);
         return { filled: [...doc.querySelectorAll('rect.cell:not(.empty)')].map((r) => [r.getAttribute('data-value'), light(r.getAttribute('fill'))]),
           empty: doc.querySelectorAll('rect.cell.empty').length };`,
      );
    const up = await read(true);
    expect(up.filled.map((f) => Number(f[0]))).toEqual([4.5, 2, 3]);
    expect(up.empty).toBe(1);
    // Lighter (a larger sum of the RGB channels) is worse: 2 < 3 < 4.5.
    expect(up.filled[1]![1]).toBeGreaterThan(up.filled[2]![1]);
    expect(up.filled[2]![1]).toBeGreaterThan(up.filled[0]![1]);
    const down = await read(false);
    expect(down.filled[0]![1]).toBeGreaterThan(down.filled[1]![1]);
  });
});
