import { groupBy, wilsonInterval } from '../analysis/index.js';
import type { ReportGeneration } from './report-data.js';

/** GenEval's six tasks, in the order its paper's tables use. */
export const GENEVAL_TASKS = ['single_object', 'two_object', 'counting', 'colors', 'position', 'color_attr'] as const;

export interface TaskPassRate {
  task: string;
  correct: number;
  images: number;
  /** The pass rate with its 95% Wilson interval. */
  rate: number;
  low: number;
  high: number;
}

export interface CompositionSummary {
  generatorId: string;
  images: number;
  /** Images with no composition verdict (the metric failed on them, listed with the failures): left out of every rate. */
  notJudged: number;
  correctImages: number;
  /** Prompts (per language) with at least one correct sample, as GenEval's "% correct prompts". */
  correctPrompts: number;
  prompts: number;
  tasks: TaskPassRate[];
  /** GenEval's overall score: the unweighted mean of the task pass rates. */
  overall: number | null;
}

/**
 * The `composition` metric summarised as GenEval's summary_scores.py does (djghosh13/geneval):
 * per task the share of correct images, overall the mean over tasks, and the shares of correct
 * images and of prompts with any correct image. Tasks come from each score's details (the
 * prompt's `geneval:<task>` tag); a run without composition scores has no summary.
 */
export function compositionSummaries(generations: readonly ReportGeneration[], generatorIds: readonly string[]): CompositionSummary[] {
  const byGenerator = groupBy(
    generations.filter((g) => 'composition' in g.scores),
    (g) => g.generatorId,
  );
  return generatorIds.flatMap((generatorId) => {
    const own = byGenerator.get(generatorId) ?? [];
    if (own.length === 0) return [];
    const judged = own.filter((g) => g.scores.composition !== null);
    const byTask = new Map<string, { correct: number; images: number }>();
    const byPrompt = new Map<string, boolean>();
    for (const g of judged) {
      const task = String(g.details.composition?.task ?? g.category);
      const cell = byTask.get(task) ?? { correct: 0, images: 0 };
      const correct = g.scores.composition === 1;
      byTask.set(task, { correct: cell.correct + (correct ? 1 : 0), images: cell.images + 1 });
      const prompt = `${g.promptSetId}/${g.promptId}/${g.language}`;
      byPrompt.set(prompt, (byPrompt.get(prompt) ?? false) || correct);
    }
    const tasks = [...byTask]
      .sort(([a], [b]) => taskOrder(a) - taskOrder(b) || (a < b ? -1 : 1))
      .map(([task, { correct, images }]) => ({ task, correct, images, rate: correct / images, ...wilsonInterval(correct, images)! }));
    return [
      {
        generatorId,
        images: judged.length,
        notJudged: own.length - judged.length,
        correctImages: judged.filter((g) => g.scores.composition === 1).length,
        correctPrompts: [...byPrompt.values()].filter(Boolean).length,
        prompts: byPrompt.size,
        tasks,
        overall: tasks.length ? tasks.reduce((a, t) => a + t.rate, 0) / tasks.length : null,
      },
    ];
  });
}

function taskOrder(task: string): number {
  const i = (GENEVAL_TASKS as readonly string[]).indexOf(task);
  return i === -1 ? GENEVAL_TASKS.length : i;
}
