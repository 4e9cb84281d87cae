import type { JudgeClient, Metric, Question, QuestionSource } from '../../core/types/index.js';
import { answerDetails, askJudge, failedScore } from './ask-judge.js';
import { judgeMetric } from './judge-metric.js';
import { questionScore } from './question-score.js';
import { answeredYes, QUESTION_TEMPLATE, questionText } from './templates.js';
import { JUDGE_METRIC_VERSIONS } from './judge-metric-info.js';

/**
 * `question-score` (DSG): each of the prompt's atomic questions (`expect.questions`) asked about
 * the media, the fraction answered yes with DSG's dependency rule. A prompt without questions gets
 * those `generated` writes for it (once per prompt, kept beside its prompt set version), or is
 * "does not apply" where nothing generates them. Every answer is stored per question in the
 * details, with where the questions came from.
 */
export function createQuestionScoreMetric(client: JudgeClient, generated?: QuestionSource): Metric {
  return judgeMetric(client, {
    id: 'question-score',
    version: JUDGE_METRIC_VERSIONS['question-score']!,
    template: { ...QUESTION_TEMPLATE, ...(generated ? { questionGeneration: generated.generator } : {}) },
    appliesTo: (prompt) => (prompt.expect?.questions?.length ?? 0) > 0 || generated !== undefined,
    async scoreOne(input, media) {
      let questions: readonly Question[] = input.prompt.expect?.questions ?? [];
      let origin: Record<string, unknown> = { source: 'prompt-set' };
      if (questions.length === 0 && generated) {
        const got = await generated.questionsFor(input);
        if (!got.ok) return failedScore({ ...got, message: `generating questions: ${got.message}` });
        questions = got.questions;
        origin = { source: 'generated', ...got.generatedBy };
      }
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
      return { value: score.value, details: { withoutDependencies: score.withoutDependencies, questions: origin, answers } };
    },
  });
}
