import { describe, expect, it } from 'vitest';
import { compositionSummaries } from '../../../core/report/composition-tasks.js';
import { compositionSection } from '../../../core/report/report-composition-html.js';
import type { ReportGeneration } from '../../../core/report/report-data.js';
import { REPORT_STRINGS } from '../../../core/report/report-strings.js';

/** A generation as the report data holds it, reduced to what the summary reads. */
const gen = (generatorId: string, promptId: string, task: string, value: number | null) =>
  ({
    generatorId,
    promptSetId: 'geneval',
    promptId,
    language: 'en',
    category: 'compositional',
    scores: { composition: value },
    details: { composition: { task } },
  }) as unknown as ReportGeneration;

// By hand, as GenEval's summary_scores.py would print it: counting 1 of 3 correct (prompt c1 has
// two samples, one correct), position 2 of 2, a failed image left out; overall (1/3 + 1) / 2.
const rows = [
  gen('a', 'c1', 'counting', 1),
  gen('a', 'c1', 'counting', 0),
  gen('a', 'c2', 'counting', 0),
  gen('a', 'p1', 'position', 1),
  gen('a', 'p2', 'position', 1),
  gen('a', 'p3', 'position', null),
  gen('b', 's1', 'single_object', 0),
  { ...gen('c', 's1', 'single_object', 0), scores: { sharpness: 3 }, details: {} } as unknown as ReportGeneration,
];

describe('GenEval-style summary of the composition metric', () => {
  it('gives per-task rates, the mean over tasks and the correct images and prompts', () => {
    const [a, b, ...rest] = compositionSummaries(rows, ['a', 'b', 'c']);
    expect(rest).toEqual([]);
    expect(a!.tasks.map((t) => [t.task, t.correct, t.images])).toEqual([
      ['counting', 1, 3],
      ['position', 2, 2],
    ]);
    expect(a!.overall).toBeCloseTo((1 / 3 + 1) / 2, 12);
    expect([a!.images, a!.notJudged, a!.correctImages, a!.correctPrompts, a!.prompts]).toEqual([5, 1, 3, 3, 4]);
    // Wilson 95% for 2 of 2: [0.3424, 1] (Newcombe 1998's formula, worked by hand).
    expect(a!.tasks[1]!.low).toBeCloseTo(0.3424, 4);
    expect(a!.tasks[1]!.high).toBe(1);
    expect([b!.overall, b!.tasks[0]!.low]).toEqual([0, 0]);
  });

  it('renders a row per generator with the overall first, in both languages, and nothing without composition scores', () => {
    const summaries = compositionSummaries(rows, ['a', 'b']);
    const en = compositionSection(summaries, REPORT_STRINGS.en);
    expect(en).toContain('<tr><th>a</th><td class="num"><b>66.7%</b></td>');
    expect(en).toContain('33.3%<span class="n">[6.1%, 79.2%] · 1/3</span>');
    expect(en).toContain('1 not judged (see failures)');
    expect(en).toContain('<th>single object</th>');
    expect(compositionSection(summaries, REPORT_STRINGS.zh)).toContain('<th>单个物体</th>');
    expect(compositionSection([], REPORT_STRINGS.en)).toBe('');
  });
});
