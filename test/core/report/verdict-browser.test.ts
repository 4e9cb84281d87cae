// Callbacks given to page.evaluate run in Chromium, with the DOM.
/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReportData, type ReportData } from '../../../core/report/report-data.js';
import { DIMENSIONS } from '../../../core/types/dimensions.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { launchChromium } from '../../rater-ui/web/browser.js';
import { seededStore } from '../study/human-store-fixture.js';

const tempDir = useTempDir();

/** Where the screenshots of the report go (git-ignored), to be looked at by a person. */
const SHOTS = fileURLToPath(new URL('../../../reports/report/', import.meta.url));

/**
 * A run with a study on the four dimensions and fourteen metrics, most of them flagged: a generator
 * table far wider than a laptop screen, and a first screen as full as the quickstart's.
 */
async function wideReport(dir: string) {
  const store = await seededStore(dir, { zhBlind: true, dimensions: DIMENSIONS });
  try {
    const gens = await store.listGenerations({ runId: 'r1' });
    const extra = Array.from({ length: 11 }, (_, i) => `technical-quality-metric-${i}`);
    await store.putScores(
      extra.flatMap((metricId, i) =>
        gens.map((g, j) => ({
          generationKey: g.key,
          metricId,
          metricVersion: '1',
          value: ((i + 1) * (j + 3)) % 17,
          details: {},
          provenance: {},
          error: null,
        })),
      ),
    );
    return await buildReportData(store, 'r1', [], { iterations: 100, seed: 2 });
  } finally {
    await store.close();
  }
}

describe('the report at 1280 px', () => {
  let data: ReportData;
  beforeAll(async () => {
    data = await wideReport(tempDir().dir);
  });

  it('opens on the verdict, and no table or chart overflows its container without a visible way to scroll', async () => {
    const dir = tempDir().dir;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      mkdirSync(SHOTS, { recursive: true });
      for (const language of ['en', 'zh'] as const) {
        const path = join(dir, `report.${language}.html`);
        writeFileSync(path, renderReportHtml(data, [], {}, language));
        await page.goto(`file://${path}`);
        const verdict = (await page.locator('#verdict h2').boundingBox())!;
        expect(verdict.y + verdict.height).toBeLessThan(1000);
        const report = await page.evaluate(() => {
          const main = document.querySelector('main')!;
          const style = getComputedStyle(main);
          const contentRight = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
          const problems: string[] = [];
          let scrolled = 0;
          for (const el of Array.from(document.querySelectorAll('main table, main svg.chart'))) {
            let box: Element | null = el.parentElement;
            while (box && box !== main && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
            const right = el.getBoundingClientRect().right;
            const name = `${el.tagName} ${el.querySelector('th, title')?.textContent ?? ''}`;
            if (box === main || !box) {
              if (right > contentRight + 0.5) problems.push(`${name}: ${right} px past the page's ${contentRight}`);
              continue;
            }
            const boxStyle = getComputedStyle(box);
            if (box.scrollWidth <= box.clientWidth) continue;
            scrolled++;
            // Wider than its box: the box must scroll, and show that it does (the scroll shadow).
            if (!['auto', 'scroll'].includes(boxStyle.overflowX)) problems.push(`${name}: cut by overflow ${boxStyle.overflowX}`);
            if (!boxStyle.backgroundImage.includes('gradient')) problems.push(`${name}: scrolls with no visible cue`);
            if (box.getBoundingClientRect().right > contentRight + 0.5) problems.push(`${name}: its scroll box runs past the page`);
          }
          return { problems, scrolled, pageWidth: document.documentElement.scrollWidth };
        });
        expect(report.problems).toEqual([]);
        expect(report.pageWidth).toBeLessThanOrEqual(1280);
        // The test sees a table wider than the page: the generator table with its fourteen metrics.
        expect(report.scrolled).toBeGreaterThan(0);
        await page.screenshot({ path: join(SHOTS, `verdict-${language}.png`) });
      }
    } finally {
      await browser.close();
    }
  });

  it('shows on its first screen (1280 x 1000) the rank ranges, Chinese against English and a flagged metric with its evidence', async () => {
    const dir = tempDir().dir;
    const flagged = data.verdict.metrics!.flagged;
    // The strongest evidence first: among metrics flagged overall, the top of the item Spearman interval rises.
    const agreement = data.human[0]!.analysis!.agreement;
    const tops = flagged
      .filter((f) => f.group === null)
      .map((f) => Math.min(...agreement.filter((a) => a.metric === f.metric && a.flagged).map((a) => a.itemSpearman.high ?? 0)));
    expect(tops.length).toBeGreaterThan(3);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      for (const language of ['en', 'zh'] as const) {
        const path = join(dir, `report.${language}.html`);
        writeFileSync(path, renderReportHtml(data, [], {}, language));
        await page.goto(`file://${path}`);
        const screen = await page.evaluate(() => {
          const bottom = (selector: string) => {
            const el = document.querySelector(selector);
            return el ? el.getBoundingClientRect().bottom : null;
          };
          const glance = document.querySelector('#verdict .flag-glance');
          return {
            rankings: bottom('#verdict .rankings'),
            ranges: Array.from(document.querySelectorAll('#verdict .rankings figcaption .rank')).map((r) => r.textContent),
            dumbbell: bottom('#verdict figure.dumbbell svg'),
            glance: bottom('#verdict .flag-glance'),
            metric: glance?.querySelector('code')?.textContent,
            numbers: glance?.querySelector('.numbers')?.textContent ?? '',
            dots: glance?.querySelectorAll('svg.chart circle.pt').length ?? 0,
            items: glance?.querySelectorAll('.strip figure').length ?? 0,
            open: document.querySelectorAll('#verdict .cards > .flagged-card').length,
            folded: Array.from(document.querySelectorAll('#verdict details.flagged-more')).map((d) => (d as HTMLDetailsElement).open),
            coarse: document.querySelector('#verdict .coarse-tau')?.textContent ?? '',
          };
        });
        for (const part of ['rankings', 'dumbbell', 'glance'] as const) {
          expect(screen[part], `${language}: ${part}`).not.toBeNull();
          expect(screen[part]!, `${language}: ${part} above the fold`).toBeLessThanOrEqual(1000);
        }
        expect(screen.ranges.length).toBeGreaterThanOrEqual(DIMENSIONS.length);
        // The glance is the first flagged metric, with its numbers, its scatter and its two worst items.
        expect(screen.metric).toBe(flagged[0]!.metric);
        expect(screen.numbers).toContain(flagged[0]!.itemSpearman.value!.toFixed(2));
        expect(screen.numbers).toContain('Spearman');
        expect(screen.dots).toBe(flagged[0]!.points.length);
        expect(screen.items).toBe(2);
        expect(screen.open).toBe(2);
        expect(screen.folded).toEqual(flagged.slice(2).map(() => false));
        // Three generators: tau takes four values without ties, said beside the flags.
        expect(screen.coarse).toContain('-0.33, 0.33');
        await page.screenshot({ path: join(SHOTS, `first-screen-${language}.png`) });
      }
    } finally {
      await browser.close();
    }
  });
});
