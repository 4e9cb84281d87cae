/**
 * DSG's question score (Cho et al., ICLR 2024): the fraction of a prompt's atomic questions answered
 * yes, where a question whose parent was not answered yes counts as no. As in the authors' code
 * (`calc_vqa_score`), a parent is judged on its own answer, not on its already-zeroed score, so
 * the rule is applied one level at a time, not along the whole chain.
 */
export interface AnsweredQuestion {
  /** The question's id within its prompt (DSG numbers them from 1). */
  id: number;
  /** Ids of the questions it depends on; 0 or empty means none (DSG writes 0 for a root). */
  parents: readonly number[];
  yes: boolean;
}

export interface QuestionScore {
  /** The score with dependencies applied: in [0, 1]. */
  value: number;
  /** The plain fraction answered yes, ignoring dependencies (DSG's "without dependency"). */
  withoutDependencies: number;
  /** Per question: answered yes, and whether it counted (its parents were answered yes). */
  questions: { id: number; yes: boolean; counted: boolean }[];
}

/** null when there is no question to ask: the score does not apply, it is not zero. */
export function questionScore(answers: readonly AnsweredQuestion[]): QuestionScore | null {
  if (answers.length === 0) return null;
  const yesById = new Map<number, boolean>();
  for (const a of answers) {
    if (yesById.has(a.id)) throw new Error(`question ${a.id} is answered twice`);
    yesById.set(a.id, a.yes);
  }
  const questions = answers.map((a) => {
    const parentsYes = a.parents.every((p) => {
      if (p === 0) return true;
      const parent = yesById.get(p);
      if (parent === undefined) throw new Error(`question ${a.id} depends on question ${p}, which is not in the list`);
      return parent;
    });
    return { id: a.id, yes: a.yes, counted: a.yes && parentsYes };
  });
  const yes = answers.filter((a) => a.yes).length;
  return {
    value: questions.filter((q) => q.counted).length / answers.length,
    withoutDependencies: yes / answers.length,
    questions,
  };
}
