import type { LoadedConfig } from '../config/index.js';
import { StoredQuestionSource } from '../run/index.js';
import type { QuestionSource, Store } from '../types/index.js';
import { generateQuestions, QUESTION_GENERATION_TEMPLATE } from '../../metrics/index.js';
import { buildJudge, type JudgeContext } from './judges-build.js';

/**
 * Where `question-score` finds questions for prompts without their own: the config's
 * `questionJudge` (the first judge by default) writes them with the DSG template, kept in `store`
 * beside each prompt set version. `judging` is where the generation calls are recorded: the
 * scoring run's ledger (under the first image of each prompt), or nowhere ahead of a run, where
 * no generation exists to record them under and the stored questions alone keep them from being paid twice.
 * None when the config has no judge.
 */
export function questionSource(
  loaded: LoadedConfig,
  judging: JudgeContext,
  store: Store | null,
  judgeId?: string,
): QuestionSource | undefined {
  const id = judgeId ?? loaded.config.questionJudge ?? loaded.config.judges[0]?.id;
  if (id === undefined) return undefined;
  const client = buildJudge(loaded, id, judging);
  const generator = { judge: id, model: client.endpoint.model, template: QUESTION_GENERATION_TEMPLATE.version };
  return new StoredQuestionSource(generator, store, (prompt) => generateQuestions(client, prompt));
}
