// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import { expect, it } from 'vitest';
import { addVideoRun, GENERATORS } from '../study-fixture.js';
import { currentItem, nextItem, openAsRater, rate, SCREENSHOT_DIR } from './browser.js';
import { useServedStudy } from './served-study.js';

// Two clips of one prompt, 1 s and 1.6 s: the shorter one loops while the longer one still plays.
const served = useServedStudy((f) =>
  addVideoRun(f, 'run-pair-video', [
    { generatorId: GENERATORS[0], durationSec: 1, size: '640x360' },
    { generatorId: GENERATORS[1], durationSec: 1.6, size: '640x360' },
  ]),
);

interface Logged {
  clip: number;
  type: string;
  t: number;
}

/** Counts every assignment to a media element's currentTime: the page's code must never seek a clip. */
function countTimeWrites(): void {
  const own = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'currentTime')!;
  const w = window as { timeWrites?: number };
  Object.defineProperty(HTMLMediaElement.prototype, 'currentTime', {
    ...own,
    set(this: HTMLMediaElement, v: number) {
      w.timeWrites = (w.timeWrites ?? 0) + 1;
      own.set!.call(this, v);
    },
  });
}

it('a pair of clips of different lengths plays through without either seeking the other; the scales unlock after both ended', async () => {
  const s = await served.f.study({
    id: 'pair-video',
    runId: 'run-pair-video',
    mode: 'pairwise',
    raters: 1,
    ratingsPerItem: 1,
    goldRate: 0,
    repeatRate: 0,
  });
  // The media are held back until the test listens to both clips, so that no event goes unseen.
  const held: Route[] = [];
  let release = false;
  const { page, context } = await openAsRater(served.browser, `${served.server.url}/r/${s.raters[0]!.token}`, 'en-US', {
    viewport: { width: 1280, height: 1000 },
    prepare: async (c) => {
      await c.addInitScript(countTimeWrites);
      await c.route(/\/items\/[^/]+\/media\//, (route) => (release ? route.continue() : void held.push(route)));
    },
  });
  const item = await currentItem(page);
  const videos = page.locator('loupe-item loupe-media video');
  expect(await videos.count()).toBe(2);
  await videos.evaluateAll((els) => {
    const log: Logged[] = ((window as { clipLog?: Logged[] }).clipLog = []);
    els.forEach((v, clip) => {
      for (const type of ['play', 'pause', 'seeking', 'seeked', 'ended'])
        v.addEventListener(type, () => log.push({ clip, type, t: (v as HTMLVideoElement).currentTime }));
    });
  });
  // Submitting before the clips were seen says why; the message goes once both have played.
  await page.keyboard.press('Enter');
  await page.locator('loupe-item .notice[role="alert"]', { hasText: 'to the end' }).waitFor();
  release = true;
  for (const route of held.splice(0)) await route.continue();

  // Until both ended and one has since looped (sought back to its start), or a clip was sought before its own end.
  await page.waitForFunction(
    () => {
      const log = (window as { clipLog?: Logged[] }).clipLog!;
      const ended = (c: number) => log.findIndex((e) => e.clip === c && e.type === 'ended');
      const early = log.some((e, i) => e.type === 'seeking' && (ended(e.clip) === -1 || i < ended(e.clip)));
      return early || ([0, 1].every((c) => ended(c) >= 0) && log.some((e, i) => e.type === 'seeking' && i > ended(e.clip)));
    },
    undefined,
    { timeout: 0 },
  );
  const log = await page.evaluate(() => (window as { clipLog?: Logged[] }).clipLog!);
  const durations = await videos.evaluateAll((els) => els.map((v) => (v as HTMLVideoElement).duration));
  expect(Math.abs(durations[0]! - durations[1]!)).toBeGreaterThan(0.4);
  for (const clip of [0, 1]) {
    const ended = log.findIndex((e) => e.clip === clip && e.type === 'ended');
    expect(ended, JSON.stringify(log.slice(0, 40))).toBeGreaterThanOrEqual(0);
    const seeks = log.map((e, i) => ({ ...e, i })).filter((e) => e.clip === clip && e.type === 'seeking');
    // A clip is sought only by its own loop, so never before its own end (the log keeps its time at each event).
    expect(
      seeks.every((e) => e.i > ended),
      JSON.stringify(log.slice(0, 40)),
    ).toBe(true);
  }
  expect(await page.evaluate(() => (window as { timeWrites?: number }).timeWrites ?? 0)).toBe(0);

  await page.locator('loupe-scale:not([disabled])').nth(3).waitFor();
  await expect(page.locator('loupe-scale[name="visual-quality"]').getAttribute('help')).resolves.toMatch(/flicker/);
  await expect(page.locator('loupe-item .notice').count()).resolves.toBe(0);
  // The one control pauses and plays both.
  await page.locator('loupe-item button.pair-play').click();
  expect(await videos.evaluateAll((els) => els.map((v) => (v as HTMLVideoElement).paused))).toEqual([true, true]);
  await page.locator('loupe-item button.pair-play').click();
  // play() clears `paused` at once, before the play event.
  expect(await videos.evaluateAll((els) => els.map((v) => (v as HTMLVideoElement).paused))).toEqual([false, false]);

  // The whole item fits a 1280x1000 window: both clips, the four scales and the submit button.
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  for (const el of [videos.nth(0), videos.nth(1), page.locator('loupe-scale').nth(3), page.locator('loupe-item button.primary')]) {
    const box = (await el.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(1000);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
  }
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'pairwise-item.png') });

  await page.locator('loupe-scale').first().focus();
  await rate(page, ['b', 'a', 't', 'b']);
  await nextItem(page, item);
  await context.close();
  const ratings = await served.f.store.listRatings({ studyId: 'pair-video' });
  expect(ratings.map((r) => [r.dimension, r.value, r.watchedToEnd])).toEqual([
    ['text-image-consistency', 2, true],
    ['realism', 1, true],
    ['visual-quality', 0, true],
    ['aesthetic-quality', 2, true],
  ]);
});
