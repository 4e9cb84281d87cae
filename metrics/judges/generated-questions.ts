import { z } from 'zod';
import type { GeneratedQuestion, Language } from '../../core/types/index.js';
import { QUESTION_CATEGORIES } from './question-generation-template.js';

/** Why a generated answer gives no usable questions. */
export const QUESTION_GENERATION_FAILURES = [
  'malformed-json',
  'no-questions',
  'duplicate-id',
  'unknown-parent',
  'dependency-cycle',
  'not-yes-no',
] as const;
export type QuestionGenerationFailure = { ok: false; category: (typeof QUESTION_GENERATION_FAILURES)[number]; message: string };

const AnswerSchema = z.object({
  questions: z.array(
    z.object({
      id: z.int().min(1),
      category: z.enum(QUESTION_CATEGORIES),
      tuple: z.string().trim().min(1),
      question: z.string().trim().min(1),
      parents: z.array(z.int().min(0)),
    }),
  ),
});

// A yes/no question opens with an auxiliary verb in English; in Chinese it asks with 吗, 是否, 是不是 or 有没有.
const EN_YES_NO = /^(am|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must)\b.*\?$/i;
const ZH_YES_NO = /(吗[？?]?$|是否|是不是|有没有)/u;

const fail = (category: QuestionGenerationFailure['category'], message: string): QuestionGenerationFailure => ({
  ok: false,
  category,
  message,
});

/**
 * Reads a question generator's answer text: DSG tuples with yes/no questions and parent ids. The
 * ids must be unique, every parent must be another question (DSG's 0 for "none" and a question's
 * own id are dropped, as the DSG-1k importer drops them), the dependencies must not loop, and
 * every question must be answerable with yes or no in `language`.
 */
export function readGeneratedQuestions(
  text: string,
  language: Language,
): { ok: true; questions: GeneratedQuestion[] } | QuestionGenerationFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail('malformed-json', `the answer is not JSON (${(e as Error).message}): "${text.slice(0, 80)}"`);
  }
  const parsed = AnswerSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]!;
    return fail('malformed-json', `the answer does not match the questions schema (${where.path.join('.') || 'answer'}: ${where.message})`);
  }
  const items = parsed.data.questions;
  if (items.length === 0) return fail('no-questions', 'the answer lists no questions');
  const ids = new Set<number>();
  for (const q of items) {
    if (ids.has(q.id)) return fail('duplicate-id', `question id ${q.id} is used twice`);
    ids.add(q.id);
  }
  const yesNo = language === 'zh' ? ZH_YES_NO : EN_YES_NO;
  // DSG writes 0 for "no parent"; a question listed as its own parent (a few DSG-1k rows) depends on nothing, which changes no score.
  const questions = items.map((q) => ({ ...q, parents: [...new Set(q.parents.filter((p) => p !== 0 && p !== q.id))] }));
  for (const q of questions) {
    const missing = q.parents.find((p) => !ids.has(p));
    if (missing !== undefined) return fail('unknown-parent', `question ${q.id} depends on question ${missing}, which is not in the answer`);
    if (!yesNo.test(q.question)) return fail('not-yes-no', `question ${q.id} is not a yes/no question: "${q.question}"`);
  }
  const cycle = dependencyCycle(questions);
  if (cycle) return fail('dependency-cycle', `the dependencies loop: ${cycle.join(' -> ')}`);
  return {
    ok: true,
    questions: questions.map((q) => ({
      id: q.id,
      text: { [language]: q.question },
      parents: q.parents,
      category: q.category,
      tuple: q.tuple,
    })),
  };
}

/** The first loop in the parent links (as ids, the first repeated at the end), or null. */
function dependencyCycle(questions: readonly { id: number; parents: readonly number[] }[]): number[] | null {
  const parents = new Map(questions.map((q) => [q.id, q.parents]));
  const done = new Set<number>();
  const visit = (id: number, path: number[]): number[] | null => {
    const at = path.indexOf(id);
    if (at >= 0) return [...path.slice(at), id];
    if (done.has(id)) return null;
    for (const p of parents.get(id) ?? []) {
      const found = visit(p, [...path, id]);
      if (found) return found;
    }
    done.add(id);
    return null;
  };
  for (const q of questions) {
    const found = visit(q.id, []);
    if (found) return found;
  }
  return null;
}
