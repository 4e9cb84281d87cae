// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { currentItem, nextItem, openAsRater, rate } from './browser.js';
import { useServedStudy } from './served-study.js';

const served = useServedStudy();

const rater = (page: Awaited<ReturnType<typeof openAsRater>>['page']) => page.locator('loupe-rater');

describe('correcting the item just rated, in Chromium', () => {
  it('offers the correction after a rating, stores it as one, and then offers none (en-US)', async () => {
    const s = await served.f.study({ id: 'web-fix', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const { page, context } = await openAsRater(served.browser, `${served.server.url}/r/${s.raters[0]!.token}`, 'en-US');
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
    const rows = (await served.f.store.listRatings({ studyId: 'web-fix' })).filter((r) => r.assignmentId === first);
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
    const s = await served.f.study({ id: 'web-twice', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const link = `${served.server.url}/r/${s.raters[0]!.token}`;
    // Two tabs on the same item: the second submission is a second rating of it.
    const one = await openAsRater(served.browser, link, 'zh-CN');
    const two = await openAsRater(served.browser, link, 'zh-CN');
    const item = await currentItem(one.page);
    expect(await currentItem(two.page)).toBe(item);
    await rate(one.page, ['4', '3', '5', '2']);
    await nextItem(one.page, item);
    await rate(two.page, ['1', '1', '1', '1']);
    const alert = rater(two.page).locator('.notice.error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/服务器未接受这次提交.*rated already and your rating is kept/);
    expect(await currentItem(two.page)).toBe(item);
    expect((await served.f.store.listRatings({ studyId: 'web-twice' })).map((r) => r.value)).toEqual([4, 3, 5, 2]);
    await one.context.close();
    await two.context.close();
  });
});
