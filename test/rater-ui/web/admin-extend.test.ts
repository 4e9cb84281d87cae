import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';

import { SCREENSHOT_DIR } from './browser.js';
import { useServedStudy } from './served-study.js';

const served = useServedStudy();

it.each(['en-US', 'zh-CN'])("the admin page (%s) extends an open study and shows the new raters' working links once", async (locale) => {
  const s = await served.f.study({ id: `web-extend-${locale}`, raters: 2, ratingsPerItem: 2, goldRate: 0, repeatRate: 0 });
  // Only the admin link may extend.
  const asRater = await fetch(`${served.server.url}/api/admin/${s.raters[0]!.token}/extend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"addRaters":1}',
  });
  expect(asRater.status).toBe(401);

  const context = await served.browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
  const admin = await context.newPage();
  await admin.goto(`${served.server.url}/admin/${s.adminToken}`);
  await admin.locator('.extend input[name="addRaters"]').fill('2');
  await admin.locator('.extend input[name="perItem"]').fill('3');
  await admin.locator('.extend button[type="submit"]').click();
  await admin.locator('.links li').nth(1).waitFor();
  const links = await admin.locator('.links code').allTextContents();
  expect(links).toHaveLength(2);
  // The raters table now lists four raters.
  await admin.locator('tr[data-rater="r4"]').waitFor();
  await admin.screenshot({ path: join(SCREENSHOT_DIR, `admin-extend-${locale.slice(0, 2)}.png`), fullPage: true });
  await context.close();

  for (const link of links) {
    const token = link.split('/').pop()!;
    const session = (await (await fetch(`${served.server.url}/api/r/${token}/session`)).json()) as SessionView;
    expect(session.item).not.toBeNull();
  }
  const perItem = new Map<string, number>();
  for (const a of (await served.f.store.listAssignments({ studyId: s.study.id })).filter((x) => x.kind === 'normal'))
    perItem.set(a.item, (perItem.get(a.item) ?? 0) + 1);
  expect([...perItem.values()].every((n) => n === 3)).toBe(true);

  // A lower count is refused with the reason, and nothing changes.
  const lower = await fetch(`${served.server.url}/api/admin/${s.adminToken}/extend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"addRaters":0,"ratingsPerItem":1}',
  });
  expect(lower.status).toBe(409);
  expect(((await lower.json()) as { error: string }).error).toMatch(/can only grow/);
});
