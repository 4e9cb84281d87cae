#!/usr/bin/env node
// Takes a full-page screenshot of a page or a local HTML file with the system Chromium:
//   node scripts/screenshot.mjs reports/quickstart/report.html /tmp/report.png [width] [height]
// With a height, only the first screen of that size; otherwise the whole page.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [target, out, width = '1280', height] = process.argv.slice(2);
if (!target || !out) {
  console.error('usage: node scripts/screenshot.mjs <url or html file> <out.png> [width] [height]');
  process.exit(2);
}
const url = /^https?:/.test(target) ? target : pathToFileURL(resolve(target)).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height ?? 900) } });
  await page.goto(url, { waitUntil: 'load' });
  await page.screenshot({ path: out, fullPage: height === undefined });
  console.log(out);
} finally {
  await browser.close();
}
