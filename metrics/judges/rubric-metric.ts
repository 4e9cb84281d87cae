import { DIMENSIONS, type Dimension, type JudgeClient, type Metric } from '../../core/types/index.js';
import { answerDetails, askJudge, failedScore } from './ask-judge.js';
import { judgeMetric } from './judge-metric.js';
import { RUBRIC_ANSWER_SCHEMA, rubricScore } from './rubric-score.js';
import { RUBRIC_TEMPLATE_VERSION, rubricText } from './templates.js';
import { JUDGE_METRIC_VERSIONS } from './judge-metric-info.js';

/**
 * `judge-<dimension>`: a 1-5 score on one of the four human dimensions with the raters' anchors,
 * answered as JSON with a short reason: the value is the chosen digit, with the probability-weighted score (G-Eval) beside it where
 * the digit's log probabilities are listed.
 */
export function createRubricMetric(client: JudgeClient, dimension: Dimension): Metric {
  const e = client.endpoint;
  return judgeMetric(client, {
    id: `judge-${dimension}`,
    version: JUDGE_METRIC_VERSIONS[`judge-${dimension}`]!,
    template: {
      version: RUBRIC_TEMPLATE_VERSION,
      en: rubricText(dimension, 'en', 'image', '{prompt}'),
      zh: rubricText(dimension, 'zh', 'image', '{prompt}'),
    },
    appliesTo: () => true,
    async scoreOne(input, media) {
      const asked = await askJudge(client, input, media, {
        template: `${RUBRIC_TEMPLATE_VERSION}:${dimension}`,
        text: rubricText(dimension, input.language, input.modality, input.text, e.video === 'video-url'),
        logprobs: e.topLogprobs > 0,
        jsonSchema: { name: 'rubric_score', schema: RUBRIC_ANSWER_SCHEMA },
        maxTokens: 200,
      });
      if (!asked.ok) return failedScore(asked);
      const score = rubricScore(asked.answer);
      const details = { ...answerDetails(asked), language: input.language };
      if (!score.ok) return failedScore(score, details);
      return { value: score.chosen, details: { ...details, chosen: score.chosen, weighted: score.weighted, reason: score.reason } };
    },
  });
}

export const createRubricMetrics = (client: JudgeClient): Metric[] => DIMENSIONS.map((d) => createRubricMetric(client, d));
