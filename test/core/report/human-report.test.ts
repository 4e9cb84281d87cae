import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../core/store/sqlite-store.js';
import { buildReportData } from '../../../core/report/report-data.js';
import { latestRatings } from '../../../core/report/human-data.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { simulateMetricScores, simulateRatings } from '../../../core/analysis/simulate-ratings.js';
import type { PromptSet } from '../../../core/types/prompt.js';
import type { RatingRecord, Store } from '../../../core/types/store.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { DONE, planned } from '../store-fixtures.js';

const tempDir = useTempDir();

// 16 counting prompts (n = 1..4 by tag or expected count), in zh and en, from three generators.
const SET: PromptSet = {
  id: 'counting', version: 1, title: 'Counting', description: '', license: 'CC-BY-4.0',
  prompts: Array.from({ length: 16 }, (_, i) => ({ id: `c${i}`, category: 'counting', tags: i % 2 ? ['n-gt-3'] : [], text: { en: `${i} apples`, zh: `${i}个苹果` }, expect: { count: { object: 'apple', n: 1 + (i % 3) } }, modality: 'image' as const })),
};
const QUALITY = { top: 4.2, mid: 3.2, low: 2.2 };

async function seededStore(dir: string): Promise<Store> {
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  await store.putPromptSet(SET, 'test');
  await store.openRun('r1', {});
  const gens = Object.keys(QUALITY).flatMap((g) => SET.prompts.flatMap((p) => (['zh', 'en'] as const).map((language) =>
    planned(`${g}/${p.id}/${language}`, { generatorId: g, promptSetId: 'counting', promptId: p.id, language, text: p.text[language]! }))));
  await store.planGenerations('r1', gens);
  for (const g of gens) await store.finishGeneration(g.key, { ...DONE, mime: 'image/png' });
  const sim = simulateRatings(gens.map((g) => ({ key: g.key, generatorId: g.generatorId, unit: `${g.promptId}/${g.language}` })), { quality: QUALITY, seed: 3, dimensions: ['text-image-consistency'] });
  const metric = simulateMetricScores(sim.latent, 3);
  await store.putScores(gens.flatMap((g) => (['sim-good', 'sim-reversed'] as const).map((m) => ({ generationKey: g.key, metricId: m, metricVersion: '1', value: metric[m][g.key]!, details: {}, provenance: {}, error: null }))));
  await store.createStudy({ id: 's1', runId: 'r1', name: 's1', mode: 'likert', config: {}, status: 'closed' });
  await store.addAssignments(sim.assignments.map((a) => ({ ...a, studyId: 's1' })));
  await store.addRatings(sim.ratings.map((r) => ({ studyId: 's1', assignmentId: r.assignmentId, raterId: r.raterId, dimension: r.dimension, value: r.value, cannotRate: null, timeMs: 0, watchedToEnd: null })));
  return store;
}

describe('the report with human results', () => {
  it('takes the latest row of each assignment and dimension (a correction is a new row)', () => {
    const row = (id: number, value: number): RatingRecord => ({ id, studyId: 's', assignmentId: 'a', raterId: 'r', dimension: 'd', value, cannotRate: null, timeMs: 0, watchedToEnd: null, createdAt: '' });
    expect(latestRatings([row(1, 2), row(5, 4), row(3, 1)]).map((r) => r.value)).toEqual([4]);
  });

  it('analyses the run\'s study: ranking, screened raters, flagged metrics first, breakdowns', async () => {
    const store = await seededStore(tempDir().dir);
    try {
      const data = await buildReportData(store, 'r1', [], { iterations: 200 });
      const [human] = data.human;
      const a = human!.analysis!;
      expect(a.dimensions[0]!.ranking.map((r) => [r.id, r.label])).toEqual([['top', '1'], ['mid', '2'], ['low', '3']]);
      expect(a.screenedOut.sort()).toEqual(['rater-random', 'rater-straight']);
      expect(a.agreement.map((x) => [x.metric, x.flagged])).toEqual([['sim-reversed', true], ['sim-good', false]]);
      expect(human!.breakdowns.filter((b) => b.key === 'counting').map((b) => b.value).sort()).toContain('n > 3');
      expect(human!.languageGaps).toHaveLength(3);
      expect(Object.keys(human!.items).length).toBeGreaterThan(0);

      const html = renderReportHtml(data, []);
      const at = (s: string) => html.indexOf(s);
      expect(at('FLAGGED')).toBeGreaterThan(0);
      expect(at('FLAGGED')).toBeLessThan(at('Human ranking'));
      expect(at('Human ranking')).toBeLessThan(at('<h2>Generators'));
      expect(html).toContain('rater-straight');
      expect(html).toContain('every score is 3');
      expect(html).toMatch(/<svg class="chart"/);
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    } finally {
      await store.close();
    }
  });

  it('shows arena scores for a pairwise study', async () => {
    const store = await seededStore(tempDir().dir);
    try {
      await store.createStudy({ id: 'arena', runId: 'r1', name: 'arena', mode: 'pairwise', config: {}, status: 'closed' });
      const votes = Array.from({ length: 40 }, (_, i) => ({ id: `v${i}`, item: i % 2 ? 'top/c0/zh|low/c0/zh' : 'mid/c1/en|top/c1/en', value: i % 5 === 0 ? 0 : i % 2 ? 1 : 2 }));
      await store.addAssignments(votes.map((v, i) => ({ id: v.id, studyId: 'arena', raterId: 'x', item: v.item, position: i, kind: 'normal' })));
      await store.addRatings(votes.map((v) => ({ studyId: 'arena', assignmentId: v.id, raterId: 'x', dimension: 'preference', value: v.value, cannotRate: null, timeMs: 0, watchedToEnd: null })));
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
