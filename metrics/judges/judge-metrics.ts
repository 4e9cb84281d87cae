import type { JudgeClient, Metric, QuestionSource } from '../../core/types/index.js';
import { judgeMetricId } from './judge-metric-info.js';
import { createQuestionScoreMetric } from './question-score-metric.js';
import { createRubricMetrics } from './rubric-metric.js';
import { createVqaScoreMetric } from './vqascore-metric.js';

/**
 * Every judge metric, asking one judge of the config's `judgeCount`: with several, each id names its
 * judge (`vqascore@gpt4o`); `question-score` asks `questions` for prompts without their own.
 */
export function createJudgeMetrics(client: JudgeClient, judgeCount = 1, questions?: QuestionSource): Metric[] {
  const metrics = [createVqaScoreMetric(client), createQuestionScoreMetric(client, questions), ...createRubricMetrics(client)];
  return judgeCount > 1 ? metrics.map((m) => ({ ...m, id: judgeMetricId(m.id, client.endpoint.id, judgeCount) })) : metrics;
}
