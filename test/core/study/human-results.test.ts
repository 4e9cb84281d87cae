import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { renderAgreementCsv } from '../../../core/report/report-csv.js';
import { esc } from '../../../core/report/html-escape.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { seededStore } from './human-store-fixture.js';

const tempDir = useTempDir();

describe('the report with human results', () => {
  it("analyses the run's study: ranking, screened raters, flagged metrics first, breakdowns", async () => {
    const store = await seededStore(tempDir().dir);
    try {
      const data = await buildReportData(store, 'r1', [], { iterations: 200 });
      const [human] = data.human;
      const a = human!.analysis!;
      expect(a.dimensions[0]!.ranking.map((r) => [r.id, r.label])).toEqual([
        ['top', '1'],
        ['mid', '2'],
        ['low', '3'],
      ]);
      expect(a.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
      expect(a.agreement.map((x) => [x.metric, x.flagged])).toEqual([
        ['sim-reversed', true],
        ['sim-good', false],
      ]);
      expect(
        human!.breakdowns
          .filter((b) => b.key === 'counting')
          .map((b) => b.value)
          .sort(),
      ).toContain('n > 3');
      expect(human!.languageGaps).toHaveLength(3);
      expect(Object.keys(human!.items).length).toBeGreaterThan(0);

      const html = renderReportHtml(data, []);
      const at = (s: string) => html.indexOf(s);
      expect(at('FLAGGED')).toBeGreaterThan(0);
      expect(at('FLAGGED')).toBeLessThan(at('Human ranking'));
      expect(at('Human ranking')).toBeLessThan(at('<h2>Generators'));
      expect(html).toContain('rater-straight');
      expect(html).toContain('every score is 3');
      // The report words its reasons from codes (to translate them); in English they read as the analysis words them.
      for (const r of a.raters.filter((x) => x.rejected)) expect(html).toContain(esc(r.reason));
      for (const x of a.agreement.filter((y) => y.flagged)) expect(html).toContain(x.reasons.map(esc).join('<br>'));
      expect(html).toMatch(/<svg class="chart"/);
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    } finally {
      await store.close();
    }
  });

  it('shows a metric that fails on one language only in the agreement section and agreement.csv', async () => {
    const store = await seededStore(tempDir().dir, { zhBlind: true });
    try {
      const data = await buildReportData(store, 'r1', [], { iterations: 100 });
      const blind = data.human[0]!.analysis!.agreement.find((a) => a.metric === 'sim-zh-blind')!;
      expect(blind.byGroup.map((g) => [g.group, g.flagged])).toEqual([
        ['en', false],
        ['zh', true],
      ]);
      expect(data.human[0]!.analysis!.agreement.find((a) => a.metric === 'sim-good')!.byGroup.map((g) => g.flagged)).toEqual([
        false,
        false,
      ]);

      const html = renderReportHtml(data, []);
      expect(html).toContain('Item-level agreement per prompt set and language');
      expect(html).toMatch(/<tr class="flag"><td><span class="badge bad">FLAGGED(?: ON zh)?<\/span><\/td><th>sim-zh-blind/);
      expect(html).toContain('language zh: does not agree with people: item-level Spearman undefined (one side constant)');
      expect(html).toContain('<code>sim-zh-blind · language zh</code> against text-image consistency');

      const csv = renderAgreementCsv(data).trim().split('\n');
      expect(csv[0]).toMatch(/^study,metric,dimension,flagged,by,group,system_tau/);
      expect(
        csv.filter((l) => l.startsWith('s1,sim-zh-blind,text-image-consistency,')).map((l) => l.split(',').slice(3, 6).join(',')),
      ).toEqual([`${blind.flagged ? 'yes' : 'no'},all,`, 'no,language,en', 'yes,language,zh']);
    } finally {
      await store.close();
    }
  });

  it('shows arena scores for a pairwise study', async () => {
    const store = await seededStore(tempDir().dir);
    try {
      await store.createStudy({
        id: 'arena',
        runId: 'r1',
        name: 'arena',
        mode: 'pairwise',
        config: { source: 'import', file: 'votes.csv' },
        status: 'closed',
      });
      const votes = Array.from({ length: 40 }, (_, i) => ({
        id: `v${i}`,
        item: i % 2 ? 'top/c0/zh|low/c0/zh' : 'mid/c1/en|top/c1/en',
        value: i % 5 === 0 ? 0 : i % 2 ? 1 : 2,
      }));
      await store.addAssignments(
        votes.map((v, i) => ({ id: v.id, studyId: 'arena', raterId: 'x', item: v.item, position: i, kind: 'normal' })),
      );
      await store.addRatings(
        votes.map((v) => ({
          studyId: 'arena',
          assignmentId: v.id,
          raterId: 'x',
          dimension: 'preference',
          value: v.value,
          cannotRate: null,
          timeMs: 0,
          watchedToEnd: null,
        })),
      );
      const data = await buildReportData(store, 'r1', [], { iterations: 50 });
      const arena = data.human.find((h) => h.study.id === 'arena')!.arena!;
      expect(arena.map((a) => a.dimension)).toEqual(['preference']);
      expect(arena[0]!.scores[0]!.player).toBe('top');
      expect(renderReportHtml(data, [])).toContain('Bradley-Terry strength, Elo scale (preference)');
    } finally {
      await store.close();
    }
  });
});
