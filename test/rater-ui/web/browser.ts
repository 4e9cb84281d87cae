// Callbacks given to page.evaluate and waitForFunction run in Chromium, with the DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the UI tests leave their screenshots (git-ignored), to be looked at by a person. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../reports/rater-ui/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Everything the browser received in a context: URL, headers and body, for the blinding scan. */
export interface Received {
  url: string;
  headers: string;
  body: string;
}

export async function recordingContext(
  browser: Browser,
  locale: string,
  viewport = { width: 1200, height: 900 },
): Promise<{ context: BrowserContext; received: Received[]; settled(): Promise<void> }> {
  const context = await browser.newContext({ locale, viewport });
  const received: Received[] = [];
  const pending: Promise<void>[] = [];
  context.on('response', (res) => {
    const recorded = (async () => {
      const body = await res.body().catch(() => Buffer.alloc(0));
      received.push({ url: res.url(), headers: JSON.stringify(await res.allHeaders()), body: body.toString('latin1') });
    })();
    // A test that closes its context without `settled()` may cut a response short: that is no
    // unhandled rejection; a test that scans calls `settled()`, which still fails on it.
    recorded.catch(() => undefined);
    pending.push(recorded);
  });
  return { context, received, settled: async () => void (await Promise.all(pending)) };
}

/** The id of the item on screen, or "done" once the rater has finished. */
export async function currentItem(page: Page): Promise<string> {
  const handle = await page.waitForFunction(() => {
    const rater = document.querySelector('loupe-app')?.shadowRoot?.querySelector('loupe-rater')?.shadowRoot;
    if (rater?.querySelector('.done')) return 'done';
    return rater?.querySelector('loupe-item')?.getAttribute('data-assignment') || null;
  });
  return (await handle.jsonValue()) as string;
}

/** Waits until the item on screen is no longer `previous`. */
export async function nextItem(page: Page, previous: string): Promise<string> {
  await page.waitForFunction((prev) => {
    const rater = document.querySelector('loupe-app')?.shadowRoot?.querySelector('loupe-rater')?.shadowRoot;
    return !!rater?.querySelector('.done') || (rater?.querySelector('loupe-item')?.getAttribute('data-assignment') ?? prev) !== prev;
  }, previous);
  return currentItem(page);
}

/** Chooses a point per dimension with the number keys, in order, and submits with Enter. */
export async function rate(page: Page, keys: string[]): Promise<void> {
  for (const k of keys) await page.keyboard.press(k);
  await page.keyboard.press('Enter');
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs on the context before the page opens (routes, init scripts). */
  prepare?: (context: BrowserContext) => Promise<void>;
}

/** Opens a rater's link in a recording context and leaves the start page with Enter. */
export async function openAsRater(browser: Browser, link: string, locale: string, o: OpenOptions = {}) {
  const rec = await recordingContext(browser, locale, o.viewport);
  await o.prepare?.(rec.context);
  const page = await rec.context.newPage();
  await page.goto(link);
  await page.locator('loupe-start-page button.start').waitFor();
  await page.keyboard.press('Enter');
  return { ...rec, page };
}

/** The focused element, through every shadow root: its scale (a loupe-scale's name), role, label, state and focus ring. */
export async function focused(
  page: Page,
): Promise<{ scale: string | null; role: string | null; label: string | null; checked: string | null; outline: string | null }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let scale: string | null = null;
    while (el?.shadowRoot?.activeElement) {
      if (el.tagName === 'LOUPE-SCALE') scale = el.getAttribute('name');
      el = el.shadowRoot.activeElement;
    }
    return {
      scale,
      role: el?.getAttribute('role') ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      checked: el?.getAttribute('aria-checked') ?? null,
      outline: el ? getComputedStyle(el).outlineStyle : null,
    };
  });
}

/** Presses Tab until a radio of `scale` has the focus (at most `limit` presses), as a keyboard-only rater would. */
export async function tabToScale(page: Page, scale: string, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.scale === scale && f.role === 'radio') return;
  }
  throw new Error(`${limit} presses of Tab never reached the scale "${scale}"`);
}
