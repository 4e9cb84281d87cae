import { type GenerationRecord, type ScoreRecord, DIMENSIONS, type Dimension } from '../types/index.js';
import type { RatingUiConfig } from './study-config.js';

export type StudyExamples = RatingUiConfig['examples'];
/** The coordinator's own example generations (keys) per dimension, shown instead of picked ones. */
export type StudyExamplesChoice = Partial<Record<Dimension, { low: string; high: string }>>;

/**
 * The automatic metrics that stand for each dimension, in order of preference, and whether a
 * higher value is better. Realism has none: no metric here measures deformation or physics.
 */
const PROXIES: Readonly<Record<Dimension, readonly { metric: string; higherIsBetter: boolean }[]>> = {
  'text-image-consistency': [
    { metric: 'clip-score', higherIsBetter: true },
    { metric: 'video-clip-score', higherIsBetter: true },
    { metric: 'ocr-text', higherIsBetter: true },
    { metric: 'count', higherIsBetter: true },
  ],
  realism: [],
  'visual-quality': [
    { metric: 'sharpness', higherIsBetter: true },
    { metric: 'noise', higherIsBetter: false },
    { metric: 'flicker', higherIsBetter: false },
  ],
  'aesthetic-quality': [
    { metric: 'aesthetic', higherIsBetter: true },
    { metric: 'video-aesthetic', higherIsBetter: true },
  ],
};

/**
 * Per dimension, a low- and a high-scoring example for the start page: the coordinator's choice
 * where given (keys of the run's finished generations), else the lowest and highest by the first
 * proxy metric that scored at least two of the candidates. A dimension with neither has none.
 */
export function pickExamples(
  candidates: readonly GenerationRecord[],
  scores: readonly ScoreRecord[],
  chosen: StudyExamplesChoice,
): StudyExamples {
  const usable = new Set(candidates.map((g) => g.key));
  const examples: StudyExamples = {};
  for (const d of DIMENSIONS) {
    const own = chosen[d];
    if (own) {
      for (const side of ['low', 'high'] as const) {
        if (!usable.has(own[side]))
          throw new Error(`examples.${d}.${side}: "${own[side]}" is not a finished generation of the run that matches the study's filters`);
      }
      examples[d] = { ...own, metric: null };
      continue;
    }
    for (const { metric, higherIsBetter } of PROXIES[d]) {
      const scored = scores
        .filter((s) => s.metricId === metric && s.value !== null && usable.has(s.generationKey))
        .sort((a, b) => (a.value! - b.value!) * (higherIsBetter ? 1 : -1) || a.generationKey.localeCompare(b.generationKey));
      if (scored.length < 2) continue;
      examples[d] = { low: scored[0]!.generationKey, high: scored.at(-1)!.generationKey, metric };
      break;
    }
  }
  return examples;
}

/** The generations shown as examples: never rated in the study, so that no rater scores one they were taught with. */
export function exampleKeys(examples: StudyExamples): Set<string> {
  return new Set(Object.values(examples).flatMap((e) => [e.low, e.high]));
}
