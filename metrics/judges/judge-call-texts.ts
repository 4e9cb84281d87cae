import { DIMENSIONS, type Dimension, type Language, type Modality, type Prompt, type Question } from '../../core/types/index.js';
import { questionText, rubricText, vqaText } from './templates.js';

/**
 * The words each call of a judge metric sends for one item (one string per call), for the plan's
 * cost estimate; `questions`: what question-score asks (the prompt's own where it has none given).
 */
export function judgeCallTexts(
  metricId: string,
  prompt: Prompt,
  language: Language,
  modality: Modality,
  text: string,
  questions: readonly Question[] = prompt.expect?.questions ?? [],
): string[] {
  if (metricId === 'vqascore') return [vqaText(language, text)];
  if (metricId === 'question-score') return questions.flatMap((q) => questionText(q, language)?.text ?? []);
  const dimension = metricId.replace(/^judge-/, '') as Dimension;
  return DIMENSIONS.includes(dimension) ? [rubricText(dimension, language, modality, text)] : [];
}
