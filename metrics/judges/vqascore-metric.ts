import type { JudgeClient, Metric } from '../../core/types/index.js';
import { answerDetails, askJudge, failedScore } from './ask-judge.js';
import { judgeMetric } from './judge-metric.js';
import { VQASCORE_TEMPLATE, vqaText } from './templates.js';
import { vqaScore } from './vqascore.js';
import { JUDGE_METRIC_VERSIONS } from './judge-metric-info.js';

/** `vqascore`: P(yes) to "does this figure show the prompt?" from the judge's top log probabilities. */
export function createVqaScoreMetric(client: JudgeClient): Metric {
  const e = client.endpoint;
  return judgeMetric(client, {
    id: 'vqascore',
    version: JUDGE_METRIC_VERSIONS.vqascore!,
    template: { ...VQASCORE_TEMPLATE },
    appliesTo: () => true,
    async scoreOne(input, media) {
      if (e.topLogprobs === 0) {
        // Nothing is sent (and paid for) to an endpoint that lists no alternatives.
        return failedScore({
          category: 'no-logprobs',
          message: `judge ${e.id} gives no log probabilities, so VQAScore cannot be computed`,
        });
      }
      const asked = await askJudge(client, input, media, {
        template: VQASCORE_TEMPLATE.version,
        text: vqaText(input.language, input.text),
        logprobs: true,
        maxTokens: 1,
      });
      if (!asked.ok) return failedScore(asked);
      const score = vqaScore(asked.answer, input.language);
      const details = { ...answerDetails(asked), language: input.language, answer: asked.answer.text };
      if (!score.ok) return failedScore(score, details);
      return { value: score.value, details: { ...details, yesMass: score.yesMass, noMass: score.noMass } };
    },
  });
}
