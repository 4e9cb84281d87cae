import { join } from 'node:path';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { simulateMetricScores, simulateRatings } from '../../../core/study/simulate-ratings.js';
import type { PromptSet } from '../../../core/types/prompt.js';
import type { Store } from '../../../core/types/store.js';
import { DONE, planned } from '../store/store-fixtures.js';
import { scoreRecord } from '../../helpers/score-record.js';

// 16 counting prompts (n = 1..4 by tag or expected count), in zh and en, from three generators.
const SET: PromptSet = {
  id: 'counting',
  version: 1,
  title: 'Counting',
  description: '',
  license: 'CC-BY-4.0',
  prompts: Array.from({ length: 16 }, (_, i) => ({
    id: `c${i}`,
    category: 'counting',
    tags: i % 2 ? ['n-gt-3'] : [],
    text: { en: `${i} apples`, zh: `${i}个苹果` },
    expect: { count: { object: 'apple', n: 1 + (i % 3) } },
    modality: 'image' as const,
  })),
};
const QUALITY = { top: 4.2, mid: 3.2, low: 2.2 };

/**
 * A run with a simulated likert study (text-image consistency, or the given dimensions) and metric
 * scores: `sim-good`, `sim-reversed`, and on request `sim-zh-blind`, which follows quality in
 * English and is constant on Chinese prompts.
 */
export async function seededStore(dir: string, options: { zhBlind?: boolean; dimensions?: readonly string[] } = {}): Promise<Store> {
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  await store.putPromptSet(SET, 'test');
  await store.openRun('r1', {});
  const gens = Object.keys(QUALITY).flatMap((g) =>
    SET.prompts.flatMap((p) =>
      (['zh', 'en'] as const).map((language) =>
        planned(`${g}/${p.id}/${language}`, { generatorId: g, promptSetId: 'counting', promptId: p.id, language, text: p.text[language]! }),
      ),
    ),
  );
  await store.planGenerations('r1', gens);
  for (const g of gens) await store.finishGeneration(g.key, { ...DONE, mime: 'image/png' });
  const sim = simulateRatings(
    gens.map((g) => ({ key: g.key, generatorId: g.generatorId, unit: `${g.promptId}/${g.language}` })),
    { quality: QUALITY, seed: 3, dimensions: options.dimensions ?? ['text-image-consistency'] },
  );
  const metric = simulateMetricScores(sim.latent, 3);
  await store.putScores(gens.flatMap((g) => (['sim-good', 'sim-reversed'] as const).map((m) => scoreRecord(m, g.key, metric[m][g.key]!))));
  if (options.zhBlind)
    await store.putScores(gens.map((g) => scoreRecord('sim-zh-blind', g.key, g.language === 'zh' ? 0 : metric['sim-good'][g.key]!)));
  const config = { source: 'simulated', seed: 3, quality: QUALITY, raters: sim.raters };
  await store.createStudy({ id: 's1', runId: 'r1', name: 's1', mode: 'likert', config, status: 'closed' });
  await store.addAssignments(sim.assignments.map((a) => ({ ...a, studyId: 's1' })));
  await store.addRatings(
    sim.ratings.map((r) => ({
      studyId: 's1',
      assignmentId: r.assignmentId,
      raterId: r.raterId,
      dimension: r.dimension,
      value: r.value,
      cannotRate: null,
      timeMs: 0,
      watchedToEnd: null,
    })),
  );
  return store;
}
