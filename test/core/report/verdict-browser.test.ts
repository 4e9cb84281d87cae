// Callbacks given to page.evaluate run in Chromium, with the DOM.
/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { launchChromium } from '../../rater-ui/web/browser.js';
import { seededStore } from '../study/human-store-fixture.js';

const tempDir = useTempDir();

/** Where the screenshots of the report go (git-ignored), to be looked at by a person. */
const SHOTS = fileURLToPath(new URL('../../../reports/report/', import.meta.url));

/** A run with a study and fourteen metrics: a generator table far wider than a laptop screen. */
async function wideReport(dir: string) {
  const store = await seededStore(dir, { zhBlind: true });
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
  it('opens on the verdict, and no table or chart overflows its container without a visible way to scroll', async () => {
    const dir = tempDir().dir;
    const data = await wideReport(dir);
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
});
