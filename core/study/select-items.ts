import { seededShuffle, type GenerationRecord } from '../types/index.js';

export interface ItemFilters {
  generators: string[] | null;
  sets: string[] | null;
  categories: string[] | null;
  /** Items per stratum (generator x category for likert, generator pair x category for pairwise); null takes all. */
  perStratum: number | null;
}

/** A unit to be rated: one generation (likert) or two of the same prompt (pairwise). */
export interface StudyUnit {
  keys: string[];
  stratum: string;
}

export function filterGenerations(all: readonly GenerationRecord[], f: ItemFilters): GenerationRecord[] {
  return all.filter(
    (g) =>
      g.status === 'done' &&
      g.mediaHash !== null &&
      (f.generators === null || f.generators.includes(g.generatorId)) &&
      (f.sets === null || f.sets.includes(g.promptSetId)) &&
      (f.categories === null || f.categories.includes(g.category)),
  );
}

export function likertUnits(generations: readonly GenerationRecord[]): StudyUnit[] {
  return generations.map((g) => ({ keys: [g.key], stratum: `${g.generatorId}\u0000${g.category}` }));
}

/** Every pair of generators' outputs of the same prompt, language and sample. */
export function pairwiseUnits(generations: readonly GenerationRecord[]): StudyUnit[] {
  const groups = new Map<string, GenerationRecord[]>();
  for (const g of generations) {
    const id = [g.promptSetId, g.promptId, g.language, g.sample].join('\u0000');
    groups.set(id, [...(groups.get(id) ?? []), g]);
  }
  const units: StudyUnit[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        if (a.generatorId === b.generatorId) continue;
        const pair = [a.generatorId, b.generatorId].sort().join('+');
        units.push({ keys: [a.key, b.key], stratum: `${pair}\u0000${a.category}` });
      }
    }
  }
  return units;
}

/** A seeded sample of `perStratum` units from each stratum, or every unit. */
export function sampleUnits(units: readonly StudyUnit[], perStratum: number | null, seed: string): StudyUnit[] {
  if (perStratum === null) return [...units];
  const strata = new Map<string, StudyUnit[]>();
  for (const u of units) strata.set(u.stratum, [...(strata.get(u.stratum) ?? []), u]);
  return [...strata.entries()].flatMap(([name, list]) => seededShuffle(list, `${seed}/${name}`).slice(0, perStratum));
}
