import type {
  GeneratedQuestion,
  JudgeCallFailure,
  Language,
  PromptQuestionsKey,
  QuestionGenerator,
  QuestionSource,
  SourcedQuestions,
  Store,
} from '../types/index.js';

/** One generation call: questions for one prompt text, or why none. */
export type GenerateQuestions = (prompt: {
  text: string;
  language: Language;
  generationKey?: string;
}) => Promise<{ ok: true; questions: GeneratedQuestion[]; answeredBy: string | null; usage: Record<string, unknown> } | JudgeCallFailure>;

type Request = Parameters<QuestionSource['questionsFor']>[0];

/**
 * Generated questions kept in the store beside the prompt set's version (`prompt_questions`),
 * keyed by set, version, prompt, language, generating model and template version: read when
 * there, else generated once (one call per key in this process, however many images ask at once)
 * and stored. Where another process stored first, its questions are the ones used, so every image
 * of a prompt answers the same questions. Without a store (or a prompt set) they are kept in memory only.
 */
export class StoredQuestionSource implements QuestionSource {
  private readonly pending = new Map<string, Promise<SourcedQuestions>>();

  constructor(
    readonly generator: QuestionGenerator,
    private readonly store: Store | null,
    private readonly generate: GenerateQuestions,
  ) {}

  questionsFor(r: Request): Promise<SourcedQuestions> {
    const key: PromptQuestionsKey = {
      promptSetId: r.promptSet?.id ?? '',
      promptSetVersion: r.promptSet?.version ?? 0,
      promptId: r.prompt.id,
      language: r.language,
      model: this.generator.model,
      template: this.generator.template,
    };
    const id = JSON.stringify([key, r.promptSet ? '' : r.text]);
    let got = this.pending.get(id);
    if (!got) {
      got = this.find(key, r);
      this.pending.set(id, got);
    }
    return got;
  }

  private async find(key: PromptQuestionsKey, r: Request): Promise<SourcedQuestions> {
    const store = r.promptSet ? this.store : null;
    const stored = await store?.getPromptQuestions(key);
    if (stored) return { ok: true, questions: stored.questions, generatedBy: this.generator, cached: true };
    const made = await this.generate({ text: r.text, language: r.language, generationKey: r.generationKey });
    if (!made.ok) return made;
    if (!store) return { ok: true, questions: made.questions, generatedBy: this.generator, cached: false };
    const detail = { answeredBy: made.answeredBy, usage: made.usage, promptText: r.text };
    const { created } = await store.putPromptQuestions({ ...key, judgeId: this.generator.judge, questions: made.questions, detail });
    const questions = created ? made.questions : (await store.getPromptQuestions(key))!.questions;
    return { ok: true, questions, generatedBy: this.generator, cached: !created };
  }
}
