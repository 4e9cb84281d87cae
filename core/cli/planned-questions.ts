import { wantsJudgeMetric, type LoadedConfig } from '../config/index.js';
import type { ResolvedRun } from '../run/index.js';
import type { PlannedGeneration, Prompt, Question, Store } from '../types/index.js';
import { QUESTION_GENERATION_TEMPLATE, questionGenerationText } from '../../metrics/index.js';

/**
 * A prompt whose questions are not written yet is planned at 8 questions: DSG-1k's decompositions
 * hold 8,182 questions over 1,056 prompts (7.7 each, rounded up).
 */
const QUESTIONS_PER_PROMPT = 8;
const UNWRITTEN: readonly Question[] = Array.from({ length: QUESTIONS_PER_PROMPT }, (_, i) => ({
  id: i + 1,
  parents: [],
  text: { en: 'Is there a small red object on the left?', zh: '左边有一个红色的小物体吗？' },
}));

/** What question-score will ask in a run whose prompts lack questions of their own (DSG question generation). */
export interface PlannedQuestions {
  /** The judge that writes the questions (the config's questionJudge, else its first judge). */
  judgeId: string;
  /** The questions asked of a planned item: the prompt's own, those already written for it, else 8 unwritten ones. */
  questionsFor(g: PlannedGeneration, prompt: Prompt): readonly Question[];
  /** The words of each question-writing call still to make: one per prompt and language without written questions. */
  toWrite: string[];
}

const keyOf = (k: { promptSetId: string; promptSetVersion: number; promptId: string; language: string }) =>
  `${k.promptSetId}@${k.promptSetVersion}/${k.promptId}/${k.language}`;

/** null where no judge scores question-score. */
export async function plannedQuestions(loaded: LoadedConfig, resolved: ResolvedRun, store: Store): Promise<PlannedQuestions | null> {
  const { judges, metrics, questionJudge } = loaded.config;
  const writer = judges.find((j) => j.id === (questionJudge ?? judges[0]?.id));
  if (!writer || !judges.some((j) => wantsJudgeMetric(metrics, 'question-score', j.id))) return null;
  const written = new Map<string, readonly Question[]>();
  const sets = new Map(resolved.planned.map((g) => [`${g.promptSetId}@${g.promptSetVersion}`, g]));
  for (const { promptSetId, promptSetVersion } of sets.values()) {
    for (const row of await store.listPromptQuestions({ promptSetId, promptSetVersion })) {
      if (row.model === writer.model && row.template === QUESTION_GENERATION_TEMPLATE.version) written.set(keyOf(row), row.questions);
    }
  }
  const own = (prompt: Prompt) => (prompt.expect?.questions?.length ?? 0) > 0;
  const toWrite = new Map<string, string>();
  for (const g of resolved.planned) {
    const k = keyOf(g);
    if (!own(resolved.prompts.get(`${g.promptSetId}/${g.promptId}`)!) && !written.has(k))
      toWrite.set(k, questionGenerationText(g.language, g.text));
  }
  return {
    judgeId: writer.id,
    questionsFor: (g, prompt) => (own(prompt) ? prompt.expect!.questions! : (written.get(keyOf(g)) ?? UNWRITTEN)),
    toWrite: [...toWrite.values()],
  };
}
