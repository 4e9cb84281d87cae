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

// The fixture's generators are a point apart in latent quality (top 4.2, mid 3.2, low 2.2) on 32
// shared prompts; `sim-good` follows quality and `sim-reversed` falls with it.
const METRICS = [
  { id: 'sim-good', description: '', direction: 'higher-is-better', range: [0, 1] },
  { id: 'sim-reversed', description: '', direction: 'lower-is-better', range: [0, 1] },
] as const;

async function reportData() {
  const store = await seededStore(tempDir().dir);
  try {
    return await buildReportData(store, 'r1', METRICS, { iterations: 300, seed: 2 });
  } finally {
    await store.close();
  }
}

describe('ranks in the report', () => {
  it('ranks generators by people and by each metric, the best first whichever way the metric points', async () => {
    const data = await reportData();
    const ranking = data.human[0]!.analysis!.dimensions[0]!.ranking;
    expect(ranking.map((r) => [r.id, r.label])).toEqual([
      ['top', '1'],
      ['mid', '2'],
      ['low', '3'],
    ]);
    for (const m of ['sim-good', 'sim-reversed'])
      expect(Object.fromEntries(data.generators.map((g) => [g.id, g.metrics[m]!.rank]))).toEqual({ top: '1', mid: '2', low: '3' });
  });

  it('shows the rank table with both intervals, alpha at four levels and how ranges were made', async () => {
    const data = await reportData();
    const path = join(tempDir().dir, 'report.html');
    writeFileSync(path, renderReportHtml(data, [], {}, 'en'));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(`file://${path}`);
      const table = page.locator('.dim table.rank').first();
      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent!.trim())));
      const ranking = data.human[0]!.analysis!.dimensions[0]!.ranking;
      expect(rows.map((r) => [r[0], r[1]])).toEqual(ranking.map((r) => [r.label, r.id]));
      expect(rows[0]![3]).toBe(`[${ranking[0]!.t.low!.toFixed(2)}, ${ranking[0]!.t.high!.toFixed(2)}]`);
      const heading = await page.locator('.dim h3 .alpha').first().textContent();
      expect(heading).toMatch(/αnominal [\d.]+ · αordinal [\d.]+ · αinterval [\d.]+ · αratio [\d.]+ · \d+ units, \d+ values pairable/);
      await expect(page.getByText(/replicates draws the same raters and prompts/).count()).resolves.toBe(1);
      mkdirSync(SHOTS, { recursive: true });
      // The heading, the note on how ranges were made, and the first dimension's table and chart.
      const top = (await page.locator('h2', { hasText: 'Human ranking' }).boundingBox())!;
      const dim = (await page.locator('.dim').first().boundingBox())!;
      await page.screenshot({
        path: join(SHOTS, 'ranks-en.png'),
        fullPage: true,
        clip: { x: 0, y: top.y - 8, width: 1200, height: dim.y + dim.height - top.y + 16 },
      });
    } finally {
      await browser.close();
    }
  });
});
