import type { GeneratedQuestion, Language, PromptQuestionsKey, StoredPromptQuestions } from '../../types/index.js';

/** A `prompt_questions` row as both stores read it (JSON as text, the time as an ISO string). */
export interface PromptQuestionsRow {
  prompt_set_id: string;
  prompt_set_version: number;
  prompt_id: string;
  language: Language;
  model: string;
  template: string;
  judge_id: string;
  questions: string;
  detail: string;
  created_at: string;
}

export const PROMPT_QUESTIONS_COLUMNS =
  'prompt_set_id, prompt_set_version, prompt_id, language, model, template, judge_id, questions, detail, created_at';

/** The key's values in column order, for a lookup by the primary key. */
export function promptQuestionsKeyParams(k: PromptQuestionsKey): (string | number)[] {
  return [k.promptSetId, k.promptSetVersion, k.promptId, k.language, k.model, k.template];
}

/** Every column's value in `PROMPT_QUESTIONS_COLUMNS` order, for an insert. */
export function promptQuestionsParams(e: Omit<StoredPromptQuestions, 'createdAt'>, createdAt: string): (string | number)[] {
  return [...promptQuestionsKeyParams(e), e.judgeId, JSON.stringify(e.questions), JSON.stringify(e.detail), createdAt];
}

export function toStoredPromptQuestions(r: PromptQuestionsRow): StoredPromptQuestions {
  return {
    promptSetId: r.prompt_set_id,
    promptSetVersion: r.prompt_set_version,
    promptId: r.prompt_id,
    language: r.language,
    model: r.model,
    template: r.template,
    judgeId: r.judge_id,
    questions: JSON.parse(r.questions) as GeneratedQuestion[],
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.created_at,
  };
}
