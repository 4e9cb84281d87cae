import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../../core/report/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { launchChromium } from '../../rater-ui/web/browser.js';
import { ledgerFixture } from './report-ledger-fixture.js';

const tempDir = useTempDir();

/** Where the screenshots of the report go (git-ignored), to be looked at by a person. */
const SHOTS = fileURLToPath(new URL('../../../reports/report/', import.meta.url));

describe('the ledger in a browser', () => {
  it('shows the warning in the first screen and the unknown outcomes in a box, in English and Chinese', async () => {
    const f = await ledgerFixture(tempDir().dir);
    const browser = await launchChromium();
    try {
      await f.addLedger();
      const report = await writeReport({
        store: f.store,
        media: f.media,
        preview: { poster: async () => '' },
        runId: 'r1',
        metrics: [],
        dir: f.reportsDir,
      });
      mkdirSync(SHOTS, { recursive: true });
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      for (const [language, path] of [
        ['en', report.html],
        ['zh', report.htmlZh],
      ] as const) {
        await page.goto(`file://${path}`);
        const banner = await page.locator('.ledger-banner').boundingBox();
        expect(banner).not.toBeNull();
        expect(banner!.y + banner!.height).toBeLessThan(900);
        await expect(page.locator('.ledger-unknown tbody tr').count()).resolves.toBe(2);
        await expect(page.locator('.ledger-open tbody tr').count()).resolves.toBe(3);
        // The box is drawn as a warning: its red left border.
        const border = await page.locator('.ledger-unknown').evaluate((el) => getComputedStyle(el).borderLeftColor);
        expect(border).toBe('rgb(179, 38, 30)');
        await page.screenshot({ path: join(SHOTS, `ledger-${language}.png`), fullPage: true });
        await page.locator('#ledger').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `ledger-${language}-section.png`) });
      }
    } finally {
      await browser.close();
      await f.store.close();
    }
  });
});
