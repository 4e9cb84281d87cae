import type { Language, Question } from '../prompt.js';

/** A question a language model wrote for a prompt (DSG): with the semantic tuple it checks. */
export type GeneratedQuestion = Question & { tuple?: string };

/**
 * Which generated questions: a prompt of one prompt set version, in one language, written by one
 * model with one template version. They live beside the set's version and never change it.
 */
export interface PromptQuestionsKey {
  promptSetId: string;
  promptSetVersion: number;
  promptId: string;
  language: Language;
  /** The generating model, as the judge's config names it. */
  model: string;
  /** The generation template's version (`dsg-questions-1`). */
  template: string;
}

export interface StoredPromptQuestions extends PromptQuestionsKey {
  /** The judge of the config that generated them. */
  judgeId: string;
  questions: GeneratedQuestion[];
  /** What the answer said of itself: the model that answered, its tokens. */
  detail: Record<string, unknown>;
  createdAt: string;
}

/** Generated questions, written once per key: the first stored answer is kept. */
export interface PromptQuestionStore {
  /** Stores the questions unless questions under the same key exist; `created` says which. */
  putPromptQuestions(entry: Omit<StoredPromptQuestions, 'createdAt'>): Promise<{ created: boolean }>;
  getPromptQuestions(key: PromptQuestionsKey): Promise<StoredPromptQuestions | undefined>;
  /** A set's generated questions (of one version when given), by prompt, language, model and template. */
  listPromptQuestions(filter: { promptSetId: string; promptSetVersion?: number }): Promise<StoredPromptQuestions[]>;
}
