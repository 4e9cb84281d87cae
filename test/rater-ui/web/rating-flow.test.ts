// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import type { CreatedStudy } from '../../../core/study/create-study.js';
import { GENERATORS, makeFixture, SCRIPT_PROMPT, type Fixture } from '../study-fixture.js';
import { currentItem, launchChromium, nextItem, openAsRater, rate, SCREENSHOT_DIR, type Received } from './browser.js';

let f: Fixture;
let server: RunningServer;
let browser: Browser;
let likert: CreatedStudy;
const raterTraffic: Received[][] = [];

beforeAll(async () => {
  f = await makeFixture();
  // Counting prompts only (2 generators x 2 prompts): with one gold item and one repeat, six items per rater.
  likert = await f.study({
    id: 'web-likert',
    raters: 2,
    ratingsPerItem: 2,
    goldRate: 0.1,
    repeatRate: 0.1,
    filters: { generators: null, sets: null, categories: ['counting'], perStratum: null },
  });
  server = await startRaterServer({ store: f.store, media: f.media, host: '127.0.0.1', port: 0, log: () => undefined });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await f?.cleanup();
});

const KEYS = ['4', '3', '5', '2'];

describe('rater UI in Chromium', () => {
  it('two raters finish a likert study with the keyboard only; a reload mid-item loses nothing; the admin page shows both done', async () => {
    for (const [i, rater] of likert.raters.entries()) {
      const { page, context, received, settled } = await openAsRater(
        browser,
        `${server.url}/r/${rater.token}`,
        i === 0 ? 'zh-CN' : 'en-US',
      );
      let item = await currentItem(page);
      let n = 0;
      while (item !== 'done') {
        if (i === 0 && n === 0) {
          await expect(page.locator('loupe-item .prompt .text').textContent()).resolves.toBeTruthy();
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'rater-zh.png'), fullPage: true });
          await page.locator('loupe-app button[data-lang="en"]').click();
          await page.locator('loupe-scale[name="realism"] .name', { hasText: 'Realism' }).waitFor();
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'rater-en.png'), fullPage: true });
          await page.locator('loupe-scale').first().focus();
        }
        if (i === 0 && n === 2) {
          // Half an item, then a reload: the two scores come back and the rest is added.
          await page.keyboard.press('2');
          await page.keyboard.press('5');
          await page.reload();
          expect(await currentItem(page)).toBe(item);
          await expect(
            page.locator('loupe-scale[name="text-image-consistency"] [role="radio"][aria-checked="true"]').textContent(),
          ).resolves.toMatch(/^2/);
          await expect(page.locator('loupe-scale[name="realism"] [role="radio"][aria-checked="true"]').textContent()).resolves.toMatch(
            /^5/,
          );
          // The language chosen before the reload is remembered.
          await page.locator('loupe-scale[name="realism"] .name', { hasText: 'Realism' }).waitFor();
          await page.locator('loupe-scale[name="visual-quality"]').focus();
          await rate(page, ['5', '2']);
        } else {
          await rate(page, KEYS);
        }
        item = await nextItem(page, item);
        n++;
      }
      await settled();
      raterTraffic.push(received);
      await context.close();
    }

    for (const rater of likert.raters) {
      const assignments = await f.store.listAssignments({ studyId: 'web-likert', raterId: rater.id });
      const ratings = await f.store.listRatings({ studyId: 'web-likert', raterId: rater.id });
      expect(new Set(ratings.map((r) => r.assignmentId))).toEqual(new Set(assignments.map((a) => a.id)));
      expect(assignments.some((a) => a.kind === 'gold')).toBe(true);
      expect(assignments.some((a) => a.kind === 'repeat')).toBe(true);
      expect(ratings.every((r) => r.watchedToEnd === null && r.timeMs >= 0 && r.cannotRate === null)).toBe(true);
      // The browser's clock readings: one submission id per item, shown-to-answered equal to the time on item.
      expect(new Set(ratings.map((r) => r.submissionId)).size).toBe(assignments.length);
      for (const r of ratings) {
        expect(r.submissionId).toMatch(/^[0-9a-f]{32}$/);
        expect(Date.parse(r.clientAnsweredAt!) - Date.parse(r.clientShownAt!)).toBe(r.timeMs);
      }
    }
    const third = (await f.store.listAssignments({ studyId: 'web-likert', raterId: 'r1' }))[2]!;
    const resumed = (await f.store.listRatings({ studyId: 'web-likert', raterId: 'r1' })).filter((r) => r.assignmentId === third.id);
    expect(resumed.map((r) => [r.dimension, r.value])).toEqual([
      ['text-image-consistency', 2],
      ['realism', 5],
      ['visual-quality', 5],
      ['aesthetic-quality', 2],
    ]);

    const admin = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await admin.goto(`${server.url}/admin/${likert.adminToken}`);
    for (const rater of likert.raters) {
      const total = (await f.store.listAssignments({ studyId: 'web-likert', raterId: rater.id })).length;
      await expect(admin.locator(`tr[data-rater="${rater.id}"] td.done`).textContent()).resolves.toBe(`${total} / ${total}`);
    }
    await admin.locator('.spot').first().waitFor();
    await admin.screenshot({ path: join(SCREENSHOT_DIR, 'admin.png'), fullPage: true });
    await admin.close();
  });

  it('sent the raters no generator name, key or hash, and rendered a script in a prompt as text', async () => {
    const all = raterTraffic.flat();
    expect(all.some((r) => r.url.includes('/media/'))).toBe(true);
    expect(all.some((r) => r.url.endsWith('/assets/app.js'))).toBe(true);
    const text = all.map((r) => `${r.url}\n${r.headers}\n${r.body}`).join('\n');
    for (const secret of [...GENERATORS, 'synthetic', 'run-img', ...f.secrets]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/[0-9a-f]{64}/);

    // A finished rater who opens the link again sees the end page, not an item.
    const again = await browser.newPage();
    await again.goto(`${server.url}/r/${likert.raters[0]!.token}`);
    await again.locator('loupe-rater .done').waitFor();
    await again.close();
    const s = await f.study({
      id: 'web-script',
      raters: 1,
      ratingsPerItem: 1,
      goldRate: 0,
      repeatRate: 0,
      filters: { generators: null, sets: null, categories: ['culture'], perStratum: null },
    });
    const rec = await openAsRater(browser, `${server.url}/r/${s.raters[0]!.token}`, 'zh-CN');
    let item = await currentItem(rec.page);
    while (!(await rec.page.locator('loupe-item .prompt .text').textContent())?.includes('onerror')) {
      await rate(rec.page, KEYS);
      item = await nextItem(rec.page, item);
    }
    await expect(rec.page.locator('loupe-item .prompt .text').textContent()).resolves.toBe(SCRIPT_PROMPT);
    expect(await rec.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await rec.context.close();
  });

  it('pairwise: two outputs side by side, A / T / B on each dimension from the keyboard', async () => {
    const s = await f.study({ id: 'web-pair', mode: 'pairwise', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const { page, context } = await openAsRater(browser, `${server.url}/r/${s.raters[0]!.token}`, 'zh-CN');
    let item = await currentItem(page);
    expect(await page.locator('loupe-item loupe-media').count()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'pairwise-zh.png'), fullPage: true });
    while (item !== 'done') {
      await rate(page, ['a', 'b', 't', 'a']);
      item = await nextItem(page, item);
    }
    await context.close();
    const ratings = await f.store.listRatings({ studyId: 'web-pair' });
    expect(ratings).toHaveLength(4 * 4);
    expect(ratings.slice(0, 4).map((r) => [r.dimension, r.value])).toEqual([
      ['text-image-consistency', 1],
      ['realism', 2],
      ['visual-quality', 0],
      ['aesthetic-quality', 1],
    ]);
    const items = (await f.store.listAssignments({ studyId: 'web-pair' })).map((a) => a.item.split('|'));
    expect(items.every((keys) => keys.length === 2)).toBe(true);
  });

  it('video: the scales unlock only after the clip has played to the end, and that is stored', async () => {
    const s = await f.study({ id: 'web-video', runId: 'run-video', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    const { page, context } = await openAsRater(browser, `${server.url}/r/${s.raters[0]!.token}`, 'en-US');
    const item = await currentItem(page);
    await page.locator('loupe-scale:not([disabled])').first().waitFor();
    await page.locator('loupe-scale').first().focus();
    await rate(page, KEYS);
    await nextItem(page, item);
    await context.close();
    const ratings = await f.store.listRatings({ studyId: 'web-video' });
    expect(ratings.map((r) => [r.value, r.watchedToEnd])).toEqual([
      [4, true],
      [3, true],
      [5, true],
      [2, true],
    ]);
  });
});
