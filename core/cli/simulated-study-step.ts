import type { LoadedConfig } from '../config/index.js';
import { SyntheticConfigSchema, syntheticTruth } from '../../models/index.js';
import { knobOpinion, simulateStudy, type SyntheticItem } from '../study/index.js';
import { DataError, type GenerationRecord, type Prompt, type Store } from '../types/index.js';

/** The label every line and page about this study carries: these are not people. */
export const SIMULATED = 'SIMULATED RATERS';

/** Refuses, before anything is made, a simulated study on a config with a generator that is not synthetic. */
export function checkSimulatedStudy(loaded: LoadedConfig): void {
  if (!loaded.config.simulatedStudy) return;
  const other = loaded.config.generators.filter((g) => g.type !== 'synthetic');
  if (other.length)
    throw DataError.one(loaded.file, {
      field: 'simulatedStudy',
      message: `simulated raters only know the knobs of synthetic generators, and ${other.map((g) => `"${g.id}" (type ${g.type})`).join(', ')} is not one: remove simulatedStudy, or rate real generators with \`loupe study create\``,
    });
}

/**
 * The run's step after scoring when the config asks for `simulatedStudy`: a likert study whose
 * honest raters hold, per item, the opinion its generator's knobs imply (core/study/knob-opinions.ts)
 * plus noise, and one careless rater. Written once: a resumed run keeps the study it has, and a run
 * with generations still to make waits for them.
 */
export async function simulatedStudyStep(loaded: LoadedConfig, store: Store, runId: string, prompts: ReadonlyMap<string, Prompt>) {
  const sim = loaded.config.simulatedStudy;
  if (!sim) return;
  const existing = await store.getStudy(sim.id);
  if (existing && existing.runId !== runId)
    throw new Error(`${loaded.file}: simulatedStudy.id: study "${sim.id}" belongs to run "${existing.runId}": choose another id`);
  if (existing) return console.error(`${SIMULATED}: study "${sim.id}" is already written; kept as it is.`);
  const gens = await store.listGenerations({ runId });
  const waiting = gens.filter((g) => g.status !== 'done' && g.status !== 'failed').length;
  if (waiting) return console.error(`${SIMULATED}: the study waits until the ${waiting} generation(s) not made yet are made.`);
  const entries = new Map(loaded.config.generators.map((g) => [g.id, g]));
  const opinions = Object.fromEntries(
    gens
      .filter((g) => g.status === 'done')
      .map((g) => [g.key, knobOpinion(syntheticItem(g, entries.get(g.generatorId), prompts.get(`${g.promptSetId}/${g.promptId}`)))]),
  );
  const made = await simulateStudy(store, { studyId: sim.id, runId, raters: sim.raters, seed: sim.seed, opinions, badRaters: ['random'] });
  console.error(
    `${SIMULATED}: study "${sim.id}", ${sim.raters} simulated raters whose opinions follow the synthetic generators' knobs item by item, plus noise, and one careless rater (rater-random); ${made.ratings} ratings. Not people: a demonstration of the human sections of the report.`,
  );
}

/** What the simulated raters see of a generation: its generator's knobs and what it drew against what was asked. */
function syntheticItem(g: GenerationRecord, entry: unknown, prompt: Prompt | undefined): SyntheticItem {
  if (!entry || !prompt) throw new Error(`simulatedStudy: generation ${g.key} has no generator or prompt in this config`);
  const knobs = SyntheticConfigSchema.parse(entry);
  const drawn = syntheticTruth({ prompt, language: g.language, seed: g.seed, sample: g.sample }, knobs);
  const expect = prompt.expect;
  return {
    blur: knobs.blur,
    noise: knobs.noise,
    colorCast: knobs.colorCast,
    wrongText: drawn.text === null ? null : drawn.text !== expect?.text,
    countOff: drawn.count === null || !expect?.count ? null : Math.abs(drawn.count - expect.count.n),
    video: g.modality === 'video' ? knobs.video : null,
  };
}
