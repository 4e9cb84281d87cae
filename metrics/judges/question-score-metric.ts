import type { JudgeClient, Metric } from '../../core/types/index.js';
import { answerDetails, askJudge, failedScore } from './ask-judge.js';
import { judgeMetric } from './judge-metric.js';
import { questionScore } from './question-score.js';
import { answeredYes, QUESTION_TEMPLATE, questionText } from './templates.js';

/**
 * `question-score` (DSG): each of the prompt's atomic questions (`expect.questions`) asked about
 * the media, the fraction answered yes with DSG's dependency rule. Prompts without questions are
 * "does not apply". Every answer is stored per question in the details.
 */
export function createQuestionScoreMetric(client: JudgeClient): Metric {
  return judgeMetric(client, {
    id: 'question-score',
    version: `1/${QUESTION_TEMPLATE.version}`,
    template: { ...QUESTION_TEMPLATE },
    appliesTo: (prompt) => (prompt.expect?.questions?.length ?? 0) > 0,
    async scoreOne(input, media) {
      const questions = input.prompt.expect?.questions ?? [];
      const asked = await Promise.all(
        questions.map(async (q) => {
          const w = questionText(q, input.language);
          if (!w) return { q, asked: null };
          const got = await askJudge(client, input, media, {
            template: QUESTION_TEMPLATE.version,
            text: w.text,
            logprobs: false,
            maxTokens: 8,
          });
          return { q, asked: got, text: w.question };
        }),
      );
      const failed = asked.find((a) => a.asked && !a.asked.ok);
      if (failed?.asked && !failed.asked.ok) {
        return failedScore({ ...failed.asked, message: `question ${failed.q.id}: ${failed.asked.message}` });
      }
      const answers = asked.map(({ q, asked: a, text }) => ({
        id: q.id,
        parents: q.parents,
        question: text ?? null,
        answer: a?.ok ? a.answer.text : null,
        yes: a?.ok ? answeredYes(a.answer.text) : false,
        ...(a?.ok ? answerDetails(a) : {}),
      }));
      const score = questionScore(answers);
      if (!score) return { value: null, details: { notApplicable: true } };
      return { value: score.value, details: { withoutDependencies: score.withoutDependencies, answers } };
    },
  });
}
