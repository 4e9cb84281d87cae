import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { PromptSet } from '../../../core/types/prompt.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { DONE, planned } from '../store/store-fixtures.js';
import { seededStore } from '../study/human-store-fixture.js';
import { scoreRecord } from '../../helpers/score-record.js';

const tempDir = useTempDir();

// Six prompts: counts of 2 and 5, a sign to write, a poem, a festival (culture), and a person in English only.
const SET: PromptSet = {
  id: 'tiny',
  version: 1,
  title: 'Tiny',
  description: '',
  license: 'CC-BY-4.0',
  prompts: [
    {
      id: 'p1',
      category: 'counting',
      tags: [],
      text: { en: 'two cats', zh: '两只猫' },
      expect: { count: { object: 'cat', n: 2 } },
      modality: 'image',
    },
    {
      id: 'p2',
      category: 'counting',
      tags: [],
      text: { en: 'five cats', zh: '五只猫' },
      expect: { count: { object: 'cat', n: 5 } },
      modality: 'image',
    },
    {
      id: 'p3',
      category: 'text-rendering',
      tags: [],
      text: { en: 'a sign "欢迎"', zh: '写着“欢迎”的招牌' },
      expect: { text: '欢迎' },
      modality: 'image',
    },
    { id: 'p4', category: 'poetry', tags: [], text: { en: 'moonlight before my bed', zh: '床前明月光' }, modality: 'image' },
    { id: 'p5', category: 'festival', tags: [], text: { en: 'lanterns', zh: '灯笼' }, modality: 'image' },
    { id: 'p6', category: 'people', tags: [], text: { en: 'a crowd' }, modality: 'image' },
  ],
};

// Generator A's metric score per prompt in English; Chinese is lower by the paired gap. C scores
// exactly like A (a tie), B 0.3 below A everywhere.
const EN = { p1: 0.8, p2: 0.4, p3: 0.6, p4: 0.7, p5: 0.5, p6: 0.9 };
const GAP = { p1: -0.1, p2: -0.2, p3: -0.3, p4: 0, p5: -0.4 };
const OFFSET = { A: 0, B: -0.3, C: 0 };

async function constructedStore(dir: string) {
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  await store.putPromptSet(SET, 'test');
  await store.openRun('r1', {});
  const rows = Object.entries(OFFSET).flatMap(([generator, offset]) =>
    SET.prompts.flatMap((p) =>
      (['zh', 'en'] as const)
        .filter((language) => p.text[language])
        .map((language) => {
          const en = EN[p.id as keyof typeof EN];
          const value = en + offset + (language === 'zh' ? GAP[p.id as keyof typeof GAP] : 0);
          const key = `${generator}/${p.id}/${language}`;
          const gen = planned(key, {
            generatorId: generator,
            promptSetId: 'tiny',
            promptId: p.id,
            category: p.category,
            language,
            text: p.text[language]!,
          });
          return { gen, value };
        }),
    ),
  );
  await store.planGenerations(
    'r1',
    rows.map((r) => r.gen),
  );
  for (const r of rows) await store.finishGeneration(r.gen.key, { ...DONE, mime: 'image/png' });
  await store.putScores(rows.map((r) => scoreRecord('m', r.gen.key, r.value)));
  // A second metric that scored one item: the breakdowns go on the metric that scored the most.
  await store.putScores([scoreRecord('sparse', 'A/p1/en', 0.5)]);
  return store;
}

const METRICS = [
  { id: 'm', description: '', direction: 'higher-is-better', range: [0, 1] },
  { id: 'sparse', description: '', direction: 'higher-is-better', range: [0, 1] },
] as const;

describe('the verdict without a human study', () => {
  it('ranks by each metric with shared ranks for a tie, and breaks down on the metric that scored the most', async () => {
    const store = await constructedStore(tempDir().dir);
    try {
      const { verdict } = await buildReportData(store, 'r1', METRICS, { iterations: 200, seed: 3 });
      expect(verdict.rankings.source).toBe('metric');
      expect(verdict.metrics).toBeNull();
      const m = verdict.rankings.dimensions.find((d) => d.dimension === 'm')!;
      // A and C score the same on every prompt: neither beats the other; both beat B on every prompt.
      expect(Object.fromEntries(m.rows.map((r) => [r.id, r.label]))).toEqual({ A: '1–2', C: '1–2', B: '3' });
      expect(m.rows[2]!.id).toBe('B');

      const b = verdict.breakdowns!;
      expect([b.source, b.basis, b.scale]).toEqual(['metric', 'm', [0, 1]]);
      const cell = (key: string, generator: string) => b.rows.find((r) => r.key === key)!.cells.find((c) => c.generator === generator)!;
      // zh - en on the five prompts made in both languages: -0.1, -0.2, -0.3, 0, -0.4; mean -0.2,
      // sd sqrt(0.1 / 4), t(0.975, 4) = 2.7764 (a published table value).
      const half = (2.7764 * Math.sqrt(0.1 / 4)) / Math.sqrt(5);
      for (const g of ['A', 'B', 'C']) {
        const zhEn = cell('zh-en', g);
        expect(zhEn.n).toBe(5);
        expect(zhEn.mean!).toBeCloseTo(-0.2, 12);
        expect(zhEn.low!).toBeCloseTo(-0.2 - half, 4);
        expect(zhEn.high!).toBeCloseTo(-0.2 + half, 4);
      }
      const pairA = b.languagePairs.find((p) => p.generator === 'A')!;
      expect(pairA.pairs).toBe(5);
      expect(pairA.en!).toBeCloseTo((0.8 + 0.4 + 0.6 + 0.7 + 0.5) / 5, 12);
      expect(pairA.zh!).toBeCloseTo((0.7 + 0.2 + 0.3 + 0.7 + 0.1) / 5, 12);
      // n <= 3: p1 (n = 2) in both languages; n > 3: p2 (n = 5).
      expect([cell('count-le-3', 'A').mean, cell('count-le-3', 'A').n]).toEqual([expect.closeTo(0.75, 12), 2]);
      expect([cell('count-gt-3', 'A').mean, cell('count-gt-3', 'A').n]).toEqual([expect.closeTo(0.3, 12), 2]);
      expect(cell('count-le-3', 'B').mean!).toBeCloseTo(0.45, 12);
      expect([cell('text-zh', 'A').mean, cell('text-en', 'A').mean]).toEqual([expect.closeTo(0.3, 12), expect.closeTo(0.6, 12)]);
      // The festival prompt counts as culture; the English-only person prompt is in people but never paired.
      expect(cell('culture', 'A').mean!).toBeCloseTo(0.3, 12);
      expect([cell('people', 'A').mean, cell('people', 'A').n]).toEqual([0.9, 1]);
      expect(cell('poetry', 'A').mean!).toBeCloseTo(0.7, 12);
      // No motion or physics prompt: no row, rather than a row of dashes.
      expect(b.rows.map((r) => r.key)).toEqual(['zh-en', 'count-le-3', 'count-gt-3', 'text-zh', 'text-en', 'culture', 'poetry', 'people']);
      const counting = b.categories.find((c) => c.generator === 'A' && c.category === 'counting')!;
      expect([counting.mean, counting.n]).toEqual([expect.closeTo((0.8 + 0.7 + 0.4 + 0.2) / 4, 12), 4]);
    } finally {
      await store.close();
    }
  });
});

describe('the verdict with a human study', () => {
  it('ranks by MOS, names the metric flagged on Chinese, and breaks down the MOS as the study analysis does', async () => {
    const store = await seededStore(tempDir().dir, { zhBlind: true });
    try {
      // sim-reversed falls as quality rises: declared lower-is-better, it agrees with people.
      const directions = [
        { id: 'sim-good', description: '', direction: 'higher-is-better', range: [0, 1] },
        { id: 'sim-reversed', description: '', direction: 'lower-is-better', range: [0, 1] },
      ] as const;
      const data = await buildReportData(store, 'r1', directions, { iterations: 100, seed: 2 });
      const { verdict } = data;
      const analysis = data.human[0]!.analysis!;
      expect([verdict.rankings.source, verdict.rankings.study]).toEqual(['human', 's1']);
      expect(verdict.rankings.dimensions[0]!.rows.map((r) => [r.id, r.label])).toEqual(
        analysis.dimensions[0]!.ranking.map((r) => [r.id, r.label]),
      );
      const flagged = verdict.metrics!.flagged.find((f) => f.metric === 'sim-zh-blind')!;
      expect(flagged.group).toEqual({ by: 'language', group: 'zh' });
      // One scatter point per rated item that the metric scored: every item here.
      expect(flagged.points).toHaveLength(Object.keys(analysis.itemMos['text-image-consistency']!).length);
      expect(verdict.metrics!.trusted.map((x) => x.metric).sort()).toEqual(['sim-good', 'sim-reversed']);
      // The paired zh - en gap and the counting buckets agree with the study's own breakdowns (core/analysis).
      const b = verdict.breakdowns!;
      expect([b.source, b.basis]).toEqual(['human', 'text-image-consistency']);
      for (const gap of data.human[0]!.languageGaps) {
        const cell = b.rows.find((r) => r.key === 'zh-en')!.cells.find((c) => c.generator === gap.generator)!;
        expect([cell.mean, cell.n]).toEqual([expect.closeTo(gap.mean!, 12), gap.pairs]);
      }
      for (const c of data.human[0]!.breakdowns.filter((x) => x.key === 'counting')) {
        const key = c.value === 'n ≤ 3' ? 'count-le-3' : 'count-gt-3';
        const cell = b.rows.find((r) => r.key === key)!.cells.find((x) => x.generator === c.generator)!;
        expect([cell.mean, cell.n]).toEqual([expect.closeTo(c.mean!, 12), c.n]);
      }
    } finally {
      await store.close();
    }
  });
});
