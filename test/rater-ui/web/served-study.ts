import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startRaterServer, type RunningServer } from '../../../rater-ui/server/serve.js';
import { makeFixture, type Fixture } from '../study-fixture.js';
import { launchChromium } from './browser.js';

export interface ServedStudy {
  f: Fixture;
  server: RunningServer;
  browser: Browser;
}

/**
 * For one test file: the study fixture, the real rating server on it and a Chromium, all closed
 * after the file; `prepare` adds to the fixture (another run, clips) before the server starts.
 */
export function useServedStudy(prepare?: (f: Fixture) => Promise<void>): ServedStudy {
  const s = {} as ServedStudy;
  beforeAll(async () => {
    s.f = await makeFixture();
    await prepare?.(s.f);
    s.server = await startRaterServer({ store: s.f.store, media: s.f.media, host: '127.0.0.1', port: 0, log: () => undefined });
    s.browser = await launchChromium();
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
    await s.f?.cleanup();
  });
  return s;
}
