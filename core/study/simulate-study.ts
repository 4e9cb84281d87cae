import type { Store } from '../types/index.js';
import { simulateRatings, type Simulation, type SimulationOptions } from './simulate-ratings.js';
import type { SimulationConfig } from './study-config.js';
import { refuseExistingStudy, writeClosedStudy } from './write-study.js';

export interface SimulateStudyOptions {
  studyId: string;
  runId: string;
  /** Honest raters; one straight-liner and one random rater are added. */
  raters: number;
  seed: number;
  /** Latent quality per generator on 1-5 (default: 4.0 falling by 0.6 per generator, in the run's order, not below 1.5). */
  quality?: Record<string, number>;
  /** Latent opinion per generation key and dimension (knob-opinions.ts); replaces `quality` for the items it names. */
  opinions?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Bad raters to add (default: a straight-liner and a random rater). */
  badRaters?: SimulationOptions['badRaters'];
}

export interface SimulatedStudy {
  raters: Simulation['raters'];
  assignments: number;
  ratings: number;
}

/** Writes a simulated likert study of the run's finished generations, to demonstrate screening and agreement. Its name says SIMULATED RATERS. */
export async function simulateStudy(store: Store, o: SimulateStudyOptions): Promise<SimulatedStudy> {
  await refuseExistingStudy(store, o.studyId);
  const gens = await store.listGenerations({ runId: o.runId, status: 'done' });
  if (gens.length === 0) throw new Error(`run "${o.runId}" has no finished generations to rate: run \`loupe generate\` first`);
  const ids = [...new Set(gens.map((g) => g.generatorId))];
  const quality = o.quality ?? (o.opinions ? {} : defaultQuality(ids));
  const sim = simulateRatings(
    gens.map((g) => ({
      key: g.key,
      generatorId: g.generatorId,
      unit: `${g.promptSetId}/${g.promptId}/${g.language}`,
      opinion: o.opinions?.[g.key],
    })),
    { quality, seed: o.seed, honestRaters: o.raters, badRaters: o.badRaters },
  );
  const config: SimulationConfig = {
    source: 'simulated',
    seed: o.seed,
    quality,
    raters: sim.raters,
    ...(o.opinions ? { opinions: 'synthetic-knobs' as const } : {}),
  };
  await writeClosedStudy(
    store,
    { id: o.studyId, runId: o.runId, name: `${o.studyId} (SIMULATED RATERS)`, mode: 'likert', config },
    sim.assignments.map((a) => ({ ...a, id: `${o.studyId}/${a.id}`, studyId: o.studyId })),
    sim.ratings.map((r) => ({
      studyId: o.studyId,
      assignmentId: `${o.studyId}/${r.assignmentId}`,
      raterId: r.raterId,
      dimension: r.dimension,
      value: r.value,
      cannotRate: null,
      timeMs: 0,
      watchedToEnd: null,
    })),
  );
  return { raters: sim.raters, assignments: sim.assignments.length, ratings: sim.ratings.length };
}

/** 4.0 for the first generator, 0.6 less for each next one, not below 1.5. */
const defaultQuality = (ids: readonly string[]) => Object.fromEntries(ids.map((id, i) => [id, Math.max(1.5, 4 - 0.6 * i)]));
