import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { kendallTauB, spearman } from '../../../core/analysis/rank-correlation.js';
import { questionScore, type AnsweredQuestion } from '../../../metrics/judges/question-score.js';

const DIR = join(import.meta.dirname, '../../fixtures/dsg-tifa160');
const GENERATORS = ['mini-dalle', 'sd1dot1', 'sd1dot5', 'sd2dot1', 'vq-diffusion'];
const ITEMS = Array.from({ length: 160 }, (_, i) => `tifa160_${i}`);

// Upstream README "Human correlation on TIFA-160" (Spearman / Kendall tau-b of the per-image score
// against the mean Likert rating, n = 800): the cells computable from the per-question answers.
const PUBLISHED: Record<string, Record<string, [number, number]>> = {
  mplug: { vq2a: [0.212, 0.164], dsg: [0.463, 0.38], nodep: [0.464, 0.378] },
  instructblip: { vq2a: [0.426, 0.352], dsg: [0.442, 0.364], nodep: [0.436, 0.355] },
  pali17b: { vq2a: [0.207, 0.157], dsg: [0.571, 0.458], nodep: [0.57, 0.457] },
};

type Row = Record<string, string>;
const read = (file: string) => parse(readFileSync(join(DIR, file)), { columns: true }) as Row[];

function groupBy(rows: Row[], key: (r: Row) => string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

/** DSG-1k's dependencies per item; an item with an unparsable row gets none (upstream's try/except). */
function dependencies(): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  for (const [item, rows] of groupBy(read('dsg-1k-tifa160-questions.csv'), (r) => r.item_id!)) {
    const parsed = rows.map((r) => [Number(r.proposition_id), r.dependency!.split(',').map((d) => Number(d.trim()))] as const);
    const malformed = parsed.some(([, ds]) => ds.some((d) => !Number.isInteger(d)));
    out.set(item, new Map(malformed ? [] : parsed.map(([id, ds]) => [id, [...ds]])));
  }
  return out;
}

function humanMeans(): number[] {
  const sourceOf = new Map(
    read('dsg_tifa160_human_vs_vqa.csv').map((r) => [`${r.generator}/${r.item_id!.replace(/_[^_]+$/, '')}`, r.tifa_text_id!]),
  );
  const ratings = groupBy(read('tifa160-likert-anns.csv'), (r) => `${r.t2i_model}/${r.source_id}`);
  return GENERATORS.flatMap((g) =>
    ITEMS.map((item) => {
      const scores = ratings.get(`${g}/${sourceOf.get(`${g}/${item}`)}`)!.map((r) => Number(r.answer));
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    }),
  );
}

/** Scores of one VQA model on every image, in the order of humanMeans(); an image with no answers scores 0, as upstream. */
function scores(file: string, vqa: string, deps: Map<string, Map<number, number[]>> | null, key: 'value' | 'withoutDependencies') {
  const byImage = groupBy(
    read(file).filter((r) => r.vqa_model === vqa),
    (r) => `${r.t2i_model}/${r.item_id}`,
  );
  return GENERATORS.flatMap((g) =>
    ITEMS.map((item) => {
      const answers: AnsweredQuestion[] = (byImage.get(`${g}/${item}`) ?? []).map((r, i) => {
        const id = r.question_id ? Number(r.question_id) : i + 1;
        return { id, parents: deps?.get(item)?.get(id) ?? [], yes: r.answer === 'yes' };
      });
      return questionScore(answers)?.[key] ?? 0;
    }),
  );
}

describe("question-score (DSG's rule) on the published VQA answers", () => {
  const human = humanMeans();
  const deps = dependencies();
  const cells = Object.entries(PUBLISHED).flatMap(([vqa, cols]) => Object.entries(cols).map(([qg, published]) => ({ vqa, qg, published })));

  it.each(cells)('$vqa with $qg questions reproduces the published Spearman / Kendall to 3 decimals', ({ vqa, qg, published }) => {
    const s =
      qg === 'vq2a'
        ? scores('answers-vq2a.csv', vqa, null, 'value')
        : scores('answers-dsg.csv', vqa, deps, qg === 'dsg' ? 'value' : 'withoutDependencies');
    expect(s).toHaveLength(800);
    expect([spearman(s, human)!.toFixed(3), kendallTauB(s, human)!.toFixed(3)]).toEqual(published.map((p) => p.toFixed(3)));
  });

  it('zeroes a question whose parent was answered no, one level at a time, and leaves roots alone', () => {
    const r = questionScore([
      { id: 1, parents: [0], yes: false },
      { id: 2, parents: [1], yes: true },
      { id: 3, parents: [2], yes: true },
      { id: 4, parents: [], yes: true },
    ])!;
    // Question 3's parent (2) was itself answered yes, so 3 counts: upstream judges a parent on its own answer.
    expect(r.questions.map((q) => q.counted)).toEqual([false, false, true, true]);
    expect([r.value, r.withoutDependencies]).toEqual([2 / 4, 3 / 4]);
  });

  it('does not apply to a prompt with no questions, and refuses a dependency on a missing question', () => {
    expect(questionScore([])).toBeNull();
    expect(() => questionScore([{ id: 2, parents: [7], yes: true }])).toThrow(/question 2 depends on question 7/);
  });
});
