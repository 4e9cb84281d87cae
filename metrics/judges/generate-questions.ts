import type { GeneratedQuestion, JudgeCallFailure, JudgeClient, Language } from '../../core/types/index.js';
import { chatRequest } from './chat-request.js';
import { readGeneratedQuestions } from './generated-questions.js';
import { estimateInputTokens } from './input-tokens.js';
import { readJudgeAnswer } from './judge-answer.js';
import { GENERATED_QUESTIONS_SCHEMA, QUESTION_GENERATION_TEMPLATE, questionGenerationText } from './question-generation-template.js';

/** Room for a long prompt's tuples: DSG-1k's longest prompt has 41 questions, about 40 tokens each as JSON. */
export const QUESTION_GENERATION_MAX_TOKENS = 2048;

export type QuestionGeneration =
  | { ok: true; questions: GeneratedQuestion[]; answeredBy: string | null; usage: Record<string, number | null>; cached: boolean }
  | JudgeCallFailure;

/**
 * Asks a text model (a configured judge, no image) to decompose one prompt text into DSG's atomic
 * yes/no questions with dependencies, in the prompt's language, as structured output, through the
 * judge's transport (limits, retries, the ledger and its cache when the call names a generation).
 */
export async function generateQuestions(
  client: JudgeClient,
  prompt: { text: string; language: Language; generationKey?: string },
): Promise<QuestionGeneration> {
  const e = client.endpoint;
  const text = questionGenerationText(prompt.language, prompt.text);
  const reply = await client.send({
    body: chatRequest({
      model: e.model,
      text,
      images: [],
      topLogprobs: null,
      jsonSchema: { name: 'dsg_questions', schema: GENERATED_QUESTIONS_SCHEMA },
      maxTokens: QUESTION_GENERATION_MAX_TOKENS,
      temperature: e.temperature,
      ...(e.seed === null ? {} : { seed: e.seed }),
    }),
    key: { template: QUESTION_GENERATION_TEMPLATE.version, text, mediaHash: '', imageSide: 0, frames: 0 },
    generationKey: prompt.generationKey,
    estimatedInputTokens: estimateInputTokens(e, text, []),
    maxOutputTokens: QUESTION_GENERATION_MAX_TOKENS,
  });
  if (!reply.ok) return reply;
  const answer = readJudgeAnswer(reply.body);
  if (!answer.ok) return answer;
  const read = readGeneratedQuestions(answer.text, prompt.language);
  if (!read.ok) return read;
  return { ok: true, questions: read.questions, answeredBy: answer.model, usage: answer.usage, cached: reply.cached };
}
