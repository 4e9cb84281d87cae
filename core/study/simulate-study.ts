import type { Store } from '../types/index.js';
import { simulateRatings, type Simulation } from './simulate-ratings.js';
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
}

export interface SimulatedStudy {
  raters: Simulation['raters'];
  assignments: number;
  ratings: number;
}

/** Writes a simulated likert study of the run's finished generations, to demonstrate screening and agreement. */
export async function simulateStudy(store: Store, o: SimulateStudyOptions): Promise<SimulatedStudy> {
  await refuseExistingStudy(store, o.studyId);
  const gens = await store.listGenerations({ runId: o.runId, status: 'done' });
  if (gens.length === 0) throw new Error(`run "${o.runId}" has no finished generations to rate: run \`loupe generate\` first`);
  const ids = [...new Set(gens.map((g) => g.generatorId))];
  const quality = o.quality ?? Object.fromEntries(ids.map((id, i) => [id, Math.max(1.5, 4 - 0.6 * i)]));
  const sim = simulateRatings(
    gens.map((g) => ({ key: g.key, generatorId: g.generatorId, unit: `${g.promptSetId}/${g.promptId}/${g.language}` })),
    { quality, seed: o.seed, honestRaters: o.raters },
  );
  const config: SimulationConfig = { source: 'simulated', seed: o.seed, quality, raters: sim.raters };
  await writeClosedStudy(
    store,
    { id: o.studyId, runId: o.runId, name: `${o.studyId} (simulated)`, mode: 'likert', config },
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
