import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import { hashToken, newToken } from '../../../core/study/tokens.js';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { makeFixture, type Fixture } from '../study-fixture.js';
import { launchChromium, SCREENSHOT_DIR } from './browser.js';

let f: Fixture;
let server: RunningServer;
let browser: Browser;
const coordinator = newToken();

beforeAll(async () => {
  f = await makeFixture();
  await f.store.replaceCoordinatorTokenHash(hashToken(coordinator));
  server = await startRaterServer({ store: f.store, media: f.media, host: '127.0.0.1', port: 0, log: () => undefined });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await f?.cleanup();
});

it.each(['en-US', 'zh-CN'])(
  'the coordinator page (%s) refuses a bad form naming the field, then makes a study and shows its links once',
  async (locale) => {
    const lang = locale.slice(0, 2);
    const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/coordinator/${coordinator}`);
    await page.locator('table.runs tr[data-run="run-img"]').waitFor();
    await expect(page.locator('loupe-coordinator h2').textContent()).resolves.toBe(lang === 'zh' ? '评测协调' : 'Coordinator');

    const form = page.locator('loupe-study-form');
    await form.locator('input[name="raters"]').fill('0');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('[role="alert"]').textContent()).resolves.toMatch(/raters: /);
    await expect(form.locator('input[name="raters"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `coordinator-refused-${lang}.png`), fullPage: true });

    await form.locator('input[name="name"]').fill(`Pilot ${lang}`);
    await form.locator('input[name="id"]').fill(`web-made-${lang}`);
    await form.locator('input[name="raters"]').fill('2');
    await form.locator('input[name="ratingsPerItem"]').fill('2');
    await form.locator('input[name="goldRate"]').fill('0');
    await form.locator('input[name="repeatRate"]').fill('0');
    await form.locator('input[name="categories"][value="counting"]').check();
    await form.locator('button[type="submit"]').click();

    await page.locator('.created .links li').nth(1).waitFor();
    expect(await form.locator('[role="alert"]').count()).toBe(0);
    const raterLinks = await page.locator('.created .links code').allTextContents();
    const adminLink = (await page.locator('.created code.admin-link').textContent())!;
    expect(raterLinks).toHaveLength(2);
    for (const link of raterLinks) expect(link).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]{43}$`));
    expect(adminLink).toMatch(new RegExp(`^${server.url}/admin/[A-Za-z0-9_-]{43}$`));
    // The new study is listed beside the others.
    await page.locator(`table.studies tr[data-study="web-made-${lang}"]`).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `coordinator-created-${lang}.png`), fullPage: true });

    // The links work: the admin page shows the two raters, and a rater has items.
    await page.goto(adminLink);
    await page.locator('loupe-admin tr[data-rater="r2"]').waitFor();
    await expect(page.locator('loupe-admin h2').textContent()).resolves.toContain(`Pilot ${lang}`);
    await context.close();
    const session = (await (await fetch(`${server.url}/api/r/${raterLinks[0]!.split('/').pop()}/session`)).json()) as SessionView;
    // Four counting items, each rated by both raters.
    expect(session).toMatchObject({ studyName: `Pilot ${lang}`, total: 4 });
  },
);
