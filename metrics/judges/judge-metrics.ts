import { DIMENSIONS, type JudgeClient, type Metric, type QuestionSource } from '../../core/types/index.js';
import { createQuestionScoreMetric } from './question-score-metric.js';
import { createRubricMetrics } from './rubric-metric.js';
import { createVqaScoreMetric } from './vqascore-metric.js';

/** The ids of the judge metrics, known without a judge (the config checks `metrics:` against them). */
export const JUDGE_METRIC_IDS: readonly string[] = ['vqascore', 'question-score', ...DIMENSIONS.map((d) => `judge-${d}`)];

/** Every judge metric, asking one judge; `question-score` asks `questions` for prompts without their own. */
export function createJudgeMetrics(client: JudgeClient, questions?: QuestionSource): Metric[] {
  return [createVqaScoreMetric(client), createQuestionScoreMetric(client, questions), ...createRubricMetrics(client)];
}
