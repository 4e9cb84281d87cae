import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SessionView } from '../../../rater-ui/shared/api-schemas.js';
import { seedFromString } from '../../../core/types/seeded-random.js';
import { clientFields, GENERATORS } from '../study-fixture.js';
import { SCREENSHOT_DIR } from './browser.js';
import { useServedStudy } from './served-study.js';

const served = useServedStudy();

it('the admin page shows an adaptive study under way: budget, stop rule and each pair per dimension', async () => {
  const s = await served.f.study({
    id: 'web-adaptive',
    raters: 4,
    goldRate: 0,
    repeatRate: 0,
    adaptive: { floor: 1, budget: 16, tolerance: 0.1, recomputeEvery: 1 },
  });
  // Each rater rates their two floor items: consistency follows the generator (5 against 1), the rest says nothing.
  for (const r of s.raters) {
    for (let i = 0; i < 2; i++) {
      const view = (await (await fetch(`${served.server.url}/api/r/${r.token}/session`)).json()) as SessionView;
      const a = (await served.f.store.listAssignments({ studyId: s.study.id })).find((x) => x.id === view.item!.assignmentId)!;
      const noise = 1 + (seedFromString(a.id) % 5);
      const res = await fetch(`${served.server.url}/api/r/${r.token}/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'likert',
          assignmentId: a.id,
          ...clientFields(3000),
          watchedToEnd: null,
          scores: {
            'text-image-consistency': a.item.startsWith(GENERATORS[0]) ? 5 : 1,
            realism: noise,
            'visual-quality': noise,
            'aesthetic-quality': 6 - noise,
          },
        }),
      });
      expect(res.status).toBe(200);
    }
  }
  const context = await served.browser.newContext({ locale: 'en-US', viewport: { width: 1200, height: 900 } });
  const admin = await context.newPage();
  await admin.goto(`${served.server.url}/admin/${s.adminToken}`);
  const section = admin.locator('loupe-adaptive-status .adaptive');
  await section.waitFor();
  // Each rater's second rating handed out one more item: 8 planned + 4.
  expect(await section.locator('.used').textContent()).toBe('12 / 16');
  expect(await section.locator('.stop').getAttribute('data-stopped')).toBe('running');
  const decision = (d: string) => section.locator(`table[data-dimension="${d}"] tbody td:last-child`).allTextContents();
  expect(await decision('text-image-consistency')).toEqual(['clearly ordered']);
  expect(await decision('realism')).toEqual(['undecided']);
  await admin.screenshot({ path: join(SCREENSHOT_DIR, 'admin-adaptive.png'), fullPage: true });
  await context.close();
});
