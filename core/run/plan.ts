import { type Generator, promptFits, promptText, type Language, type Modality, type PlannedGeneration } from '../types/index.js';
import { canonicalJson, sha256Hex } from '../store/index.js';
import type { SelectedSet } from './resolve-prompts.js';

export interface PlanInput {
  sets: readonly SelectedSet[];
  generators: readonly Generator[];
  languages: readonly Language[];
  /** For every prompt; undefined: the prompt's own count, else its set's, else 1. */
  samples: number | undefined;
  seed: number;
}

/**
 * Every (generator, prompt, language, sample) to make. Sample s uses seed + s for every
 * generator, so generators are compared on the same seeds. A prompt without text in a
 * language, or written for another modality, is left out for that combination.
 */
export function planGenerations(input: PlanInput): PlannedGeneration[] {
  const planned: PlannedGeneration[] = [];
  for (const generator of input.generators) {
    for (const { set, prompts } of input.sets) {
      for (const prompt of prompts) {
        const modality = pickModality(generator.modalities, prompt);
        if (!modality) continue;
        for (const language of input.languages) {
          const text = promptText(prompt, language);
          if (text === undefined) continue;
          const samples = input.samples ?? prompt.samples ?? set.samples ?? 1;
          for (let sample = 0; sample < samples; sample++) {
            const seed = input.seed + sample;
            const item = {
              generatorId: generator.id,
              generatorType: generator.type,
              promptSetId: set.id,
              promptSetVersion: set.version,
              promptId: prompt.id,
              category: prompt.category,
              language,
              text,
              seed,
              sample,
              modality,
            };
            planned.push({ key: generationKey(generator, item), ...item });
          }
        }
      }
    }
  }
  return planned;
}

function pickModality(modalities: readonly Modality[], prompt: Parameters<typeof promptFits>[0]): Modality | undefined {
  return modalities.find((m) => promptFits(prompt, m));
}

/**
 * What makes a generation the same one: the generator's id and output-relevant config
 * (never secrets), the prompt and its exact text, the seed and the sample. Not the run: a
 * new run over the same generators reuses paid work, and a changed setting or wording makes
 * a new generation instead of silently reusing an old one.
 */
export function generationKey(
  generator: Generator,
  item: Pick<PlannedGeneration, 'promptSetId' | 'promptId' | 'language' | 'text' | 'seed' | 'sample' | 'modality'>,
): string {
  return sha256Hex(
    canonicalJson({
      generator: { id: generator.id, type: generator.type, ...generator.identity() },
      promptSetId: item.promptSetId,
      promptId: item.promptId,
      language: item.language,
      text: item.text,
      seed: item.seed,
      sample: item.sample,
      modality: item.modality,
    }),
  );
}

/** How a run's samples read in the terminal. */
export function samplesText(samples: number | undefined): string {
  return samples === undefined ? 'samples as each prompt set prescribes (1 unless it says)' : `${samples} sample(s)`;
}
