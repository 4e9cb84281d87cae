// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { currentItem, focused, nextItem, openAsRater, SCREENSHOT_DIR, tabToScale } from './browser.js';
import { useServedStudy } from './served-study.js';

const served = useServedStudy();

const counting = { generators: null, sets: null, categories: ['counting'], perStratum: null };
const oneRater = { raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0, filters: counting };

/** The radio a screen reader reports as chosen in the scale named `group` (its accessible name). */
function checkedIn(page: Page, group: string) {
  return page.getByRole('radiogroup', { name: group, exact: true }).getByRole('radio', { checked: true });
}

/** Presses keys one by one, then says which radio has the focus. */
async function press(page: Page, ...keys: string[]) {
  for (const k of keys) await page.keyboard.press(k);
  return focused(page);
}

it('likert with the keyboard alone: Tab enters each radio group, arrows choose, aria-checked follows, Enter stores; lang follows the UI language', async () => {
  const s = await served.f.study({ id: 'kb-likert', ...oneRater });
  const { page, context } = await openAsRater(served.browser, `${served.server.url}/r/${s.raters[0]!.token}`, 'zh-CN', {
    viewport: { width: 1280, height: 1000 },
  });
  const item = await currentItem(page);
  expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^zh/);
  // A still image's quality is not about motion: no flicker or stutter in its help or its points' meanings.
  const quality = page.locator('loupe-scale[name="visual-quality"]');
  const qualityText = () =>
    quality.evaluate((el) =>
      [el.getAttribute('help'), ...Array.from(el.shadowRoot!.querySelectorAll('[title]'), (p) => p.getAttribute('title'))].join(' '),
    );
  expect(await qualityText()).not.toMatch(/闪烁|卡顿|流畅/);
  await expect(page.getByRole('radiogroup', { name: '真实性', exact: true }).getByRole('radio').count()).resolves.toBe(5);
  await page.locator('loupe-app button[data-lang="en"]').click();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect(page.getByRole('radiogroup', { name: 'Image quality', exact: true }).getByRole('radio').count()).resolves.toBe(5);
  expect(await qualityText()).not.toMatch(/flicker|stutter|smooth/i);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'likert-item.png') });

  // From the language button, Tab reaches the first scale at its first point (nothing chosen yet).
  await tabToScale(page, 'text-image-consistency');
  expect(await focused(page)).toMatchObject({ label: 'Bad (1)', checked: 'false', outline: 'solid' });
  await expect(checkedIn(page, 'Text-image consistency').count()).resolves.toBe(0);
  // From no choice an arrow goes to that end; then one point per press, the focus following the choice.
  expect(await press(page, 'ArrowRight')).toMatchObject({ label: 'Excellent (5)', checked: 'true' });
  expect(await press(page, 'ArrowLeft')).toMatchObject({ label: 'Good (4)', checked: 'true' });
  await expect(checkedIn(page, 'Text-image consistency').getAttribute('aria-label')).resolves.toBe('Good (4)');
  // Tab leaves the group (one stop per group) for the next scale.
  expect(await press(page, 'Tab')).toMatchObject({ scale: 'realism', label: 'Bad (1)' });
  expect(await press(page, 'ArrowLeft', 'ArrowRight')).toMatchObject({ scale: 'realism', label: 'Poor (2)', checked: 'true' });
  expect(await press(page, 'Tab', 'ArrowRight')).toMatchObject({ scale: 'visual-quality', label: 'Excellent (5)', checked: 'true' });
  // Space chooses the focused point.
  expect(await press(page, 'Tab', ' ', 'ArrowRight', 'ArrowRight')).toMatchObject({ scale: 'aesthetic-quality', label: 'Fair (3)' });
  // Shift+Tab goes back into the previous group at its chosen point.
  expect(await press(page, 'Shift+Tab')).toMatchObject({ scale: 'visual-quality', label: 'Excellent (5)', checked: 'true' });
  await page.keyboard.press('Enter');
  await nextItem(page, item);
  await context.close();
  const ratings = await served.f.store.listRatings({ studyId: 'kb-likert' });
  expect(ratings.map((r) => [r.assignmentId, r.dimension, r.value])).toEqual([
    [item, 'text-image-consistency', 4],
    [item, 'realism', 2],
    [item, 'visual-quality', 5],
    [item, 'aesthetic-quality', 3],
  ]);
});

it('pairwise with the keyboard alone: arrows go left (A), tie, right (B); letters A, T, B choose and move on; Enter stores', async () => {
  const s = await served.f.study({ id: 'kb-pair', mode: 'pairwise', ...oneRater });
  const { page, context } = await openAsRater(served.browser, `${served.server.url}/r/${s.raters[0]!.token}`, 'zh-CN');
  const item = await currentItem(page);
  // The keys are on screen, in the UI language.
  await page.locator('loupe-item .keys', { hasText: 'T：两者相当' }).waitFor();
  await tabToScale(page, 'text-image-consistency');
  expect(await press(page, 'ArrowLeft')).toMatchObject({ label: '左边更好 (A)', checked: 'true' });
  expect(await press(page, 'ArrowRight')).toMatchObject({ label: '相当 (T)', checked: 'true' });
  expect(await press(page, 'ArrowRight', 'ArrowRight')).toMatchObject({ label: '右边更好 (B)', checked: 'true' });
  await expect(checkedIn(page, '图文一致性').getAttribute('aria-label')).resolves.toBe('右边更好 (B)');
  // A letter chooses and moves on to the next scale.
  expect(await press(page, 'Tab', 't')).toMatchObject({ scale: 'visual-quality' });
  expect(await press(page, 'a', 'b')).toMatchObject({ scale: 'aesthetic-quality', label: '右边更好 (B)', checked: 'true' });
  await expect(checkedIn(page, '真实性').getAttribute('aria-label')).resolves.toBe('相当 (T)');
  await expect(checkedIn(page, '图像质量').getAttribute('aria-label')).resolves.toBe('左边更好 (A)');
  await page.keyboard.press('Enter');
  await nextItem(page, item);
  await context.close();
  const ratings = await served.f.store.listRatings({ studyId: 'kb-pair' });
  expect(ratings.map((r) => [r.assignmentId, r.dimension, r.value])).toEqual([
    [item, 'text-image-consistency', 2],
    [item, 'realism', 0],
    [item, 'visual-quality', 1],
    [item, 'aesthetic-quality', 2],
  ]);
});
