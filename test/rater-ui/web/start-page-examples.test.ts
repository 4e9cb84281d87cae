// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { GENERATORS, makeFixture, type Fixture } from '../study-fixture.js';
import { launchChromium, recordingContext, SCREENSHOT_DIR } from './browser.js';
import { scoreRecord } from '../../helpers/score-record.js';

let f: Fixture;
let server: RunningServer;
let browser: Browser;
let study: CreatedStudy;

beforeAll(async () => {
  f = await makeFixture();
  const keys = (await f.store.listGenerations({ runId: 'run-img' })).map((g) => g.key);
  // Consistency and aesthetics by metric; realism by the coordinator's choice; image quality has no score, so no example.
  await f.store.putScores([
    scoreRecord('clip-score', keys[0]!, 0.1),
    scoreRecord('clip-score', keys[5]!, 0.35),
    scoreRecord('aesthetic', keys[2]!, 3.2),
    scoreRecord('aesthetic', keys[7]!, 6.4),
  ]);
  study = await f.study({
    id: 'web-examples',
    raters: 1,
    ratingsPerItem: 1,
    goldRate: 0,
    repeatRate: 0,
    examples: { realism: { low: keys[1]!, high: keys[6]! } },
  });
  server = await startRaterServer({ store: f.store, media: f.media, host: '127.0.0.1', port: 0, log: () => undefined });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await f?.cleanup();
});

it.each(['zh-CN', 'en-US'])(
  'the start page (%s) shows a low and a high example image under the scale of each dimension that has them',
  async (locale) => {
    const { context, received, settled } = await recordingContext(browser, locale);
    const page = await context.newPage();
    await page.goto(`${server.url}/r/${study.raters[0]!.token}`);
    await page.locator('loupe-start-page button.start').waitFor();
    for (const d of ['text-image-consistency', 'realism', 'aesthetic-quality']) {
      for (const side of ['low', 'high']) {
        const img = page.locator(`loupe-start-page tr[data-dimension="${d}"] figure.example.${side} img`);
        // Decoded: the blind media route served it to this rater.
        await page.waitForFunction(
          (el) => !!el && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 96,
          await img.elementHandle(),
        );
      }
    }
    expect(await page.locator('loupe-start-page tr[data-dimension="visual-quality"] figure').count()).toBe(0);
    const caption = await page.locator('loupe-start-page tr[data-dimension="realism"] figure.low figcaption').textContent();
    expect(caption).toBe(locale === 'zh-CN' ? '示例：低分' : 'Example: low score');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `start-examples-${locale.slice(0, 2)}.png`), fullPage: true });
    await settled();
    await context.close();
    const leaks = received.filter((r) =>
      [...GENERATORS, ...f.secrets].some((s) => r.url.includes(s) || r.headers.includes(s) || r.body.includes(s)),
    );
    expect(leaks.map((r) => r.url)).toEqual([]);
  },
);
