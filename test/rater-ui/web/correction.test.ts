// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import { makeFixture, type Fixture } from '../study-fixture.js';
import { currentItem, launchChromium, nextItem, openAsRater, rate } from './browser.js';

let f: Fixture;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  f = await makeFixture();
  server = await startRaterServer({ store: f.store, media: f.media, host: '127.0.0.1', port: 0, log: () => undefined });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await f?.cleanup();
});

const rater = (page: Awaited<ReturnType<typeof openAsRater>>['page']) => page.locator('loupe-rater');

describe('correcting the item just rated, in Chromium', () => {
  it('offers the correction after a rating, stores it as one, and then offers none (en-US)', async () => {
    const s = await f.study({ id: 'web-fix', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const { page, context } = await openAsRater(browser, `${server.url}/r/${s.raters[0]!.token}`, 'en-US');
    const first = await currentItem(page);
    await rate(page, ['4', '3', '5', '2']);
    const second = await nextItem(page, first);
    const offer = rater(page).locator('.notice.correction');
    await expect(offer.textContent()).resolves.toContain('You can correct it once');
    await offer.locator('button.correct').click();
    // The item rated last comes back; a fresh answer is sent as its correction.
    await page.waitForFunction((id) => {
      const r = document.querySelector('loupe-app')?.shadowRoot?.querySelector('loupe-rater')?.shadowRoot;
      return r?.querySelector('loupe-item')?.getAttribute('data-assignment') === id;
    }, first);
    await rate(page, ['1', '1', '1', '1']);
    await nextItem(page, first);
    expect(await currentItem(page)).toBe(second);
    await expect(rater(page).locator('.notice.correction').count()).resolves.toBe(0);
    const rows = (await f.store.listRatings({ studyId: 'web-fix' })).filter((r) => r.assignmentId === first);
    expect(rows.map((r) => [r.value, r.correction])).toEqual([
      [4, false],
      [3, false],
      [5, false],
      [2, false],
      [1, true],
      [1, true],
      [1, true],
      [1, true],
    ]);
    await context.close();
  });

  it("shows the server's refusal of a second rating under a line in Chinese, and keeps the answers (zh-CN)", async () => {
    const s = await f.study({ id: 'web-twice', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const link = `${server.url}/r/${s.raters[0]!.token}`;
    // Two tabs on the same item: the second submission is a second rating of it.
    const one = await openAsRater(browser, link, 'zh-CN');
    const two = await openAsRater(browser, link, 'zh-CN');
    const item = await currentItem(one.page);
    expect(await currentItem(two.page)).toBe(item);
    await rate(one.page, ['4', '3', '5', '2']);
    await nextItem(one.page, item);
    await rate(two.page, ['1', '1', '1', '1']);
    const alert = rater(two.page).locator('.notice.error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/服务器未接受这次提交.*rated already and your rating is kept/);
    expect(await currentItem(two.page)).toBe(item);
    expect((await f.store.listRatings({ studyId: 'web-twice' })).map((r) => r.value)).toEqual([4, 3, 5, 2]);
    await one.context.close();
    await two.context.close();
  });
});
