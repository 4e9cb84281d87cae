import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { clientFields } from '../study-fixture.js';
import { SCREENSHOT_DIR } from './browser.js';
import { useServedStudy } from './served-study.js';

const served = useServedStudy();

const sessionOf = (token: string) => fetch(`${served.server.url}/api/r/${token}/session`);

it.each(['en-US', 'zh-CN'])(
  "the admin page (%s) replaces a rater's lost link after a confirmation and shows the new one once",
  async (locale) => {
    const s = await served.f.study({ id: `web-link-${locale}`, raters: 2, ratingsPerItem: 2, goldRate: 0, repeatRate: 0 });
    const [r1, r2] = s.raters.map((r) => r.token) as [string, string];
    const first = ((await (await sessionOf(r1)).json()) as SessionView).item!.assignmentId;
    const rated = await fetch(`${served.server.url}/api/r/${r1}/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'likert',
        assignmentId: first,
        ...clientFields(4200),
        watchedToEnd: null,
        scores: { 'text-image-consistency': 4, realism: 3, 'visual-quality': 5, 'aesthetic-quality': 2 },
      }),
    });
    expect(rated.status).toBe(200);

    const context = await served.browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
    const admin = await context.newPage();
    await admin.goto(`${served.server.url}/admin/${s.adminToken}`);
    // Cancelling changes nothing.
    await admin.locator('tr[data-rater="r2"] button.new-link').click();
    await admin.locator('tr[data-rater="r2"] button.cancel').click();
    await admin.locator('tr[data-rater="r2"] button.new-link').waitFor();
    expect((await sessionOf(r2)).status).toBe(200);

    await admin.locator('tr[data-rater="r1"] button.new-link').click();
    expect((await sessionOf(r1)).status).toBe(200);
    await admin.locator('tr[data-rater="r1"] button.confirm').click();
    const link = await admin.locator('tr[data-rater="r1"] code.new-link').textContent();
    expect(link).toMatch(new RegExp(`^${served.server.url}/r/[A-Za-z0-9_-]{43}$`));
    await admin.screenshot({ path: join(SCREENSHOT_DIR, `admin-new-link-${locale.slice(0, 2)}.png`), fullPage: true });
    await context.close();

    expect((await sessionOf(r1)).status).toBe(401);
    expect((await sessionOf(r2)).status).toBe(200);
    const resumed = (await (await sessionOf(link!.split('/').pop()!)).json()) as SessionView;
    expect({ done: resumed.done, last: resumed.correctable?.assignmentId }).toEqual({ done: 1, last: first });
  },
);
