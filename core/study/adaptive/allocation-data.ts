import type { AssignmentRecord, GenerationRecord, RatingRecord } from '../../types/index.js';
import type { Vote } from '../../analysis/index.js';
import { unitId } from '../assign.js';
import { countedRatings } from '../counted-ratings.js';

/** One item of the study (a generation, or a pair of the same prompt's), with what allocation needs to know of it. */
export interface AllocationUnit {
  /** The unit's keys sorted and joined by "|" (`unitId`): the same for either pairwise order. */
  id: string;
  generators: readonly string[];
  /** The prompt and language every generator was given: items are resampled by it. */
  prompt: string;
}

export interface ScoreObservation {
  unit: string;
  generator: string;
  prompt: string;
  rater: string;
  dimension: string;
  score: number;
}

export interface VoteObservation {
  unit: string;
  rater: string;
  dimension: string;
  vote: Vote;
}

export type Observations = { mode: 'likert'; scores: ScoreObservation[] } | { mode: 'pairwise'; votes: VoteObservation[] };

export interface AllocationData {
  units: AllocationUnit[];
  observations: Observations;
  /** Unit id -> the raters who hold it as a normal item (rated or not). */
  holders: Map<string, Set<string>>;
  /** Normal items rated (counted ratings): what a server keys its cached ranking status by. */
  ratedItems: number;
  /** The fewest raters who have rated any one unit: until every unit has its floor, the stop rule waits. */
  fewestRatings: number;
}

type GenerationFacts = Pick<GenerationRecord, 'generatorId' | 'promptSetId' | 'promptId' | 'language'>;

/**
 * A study's normal items and their counted ratings as allocation sees them. Gold items and
 * planned repeats are left out: a gold item is not a generator's work on its prompt, and a
 * repeat measures the rater, not the item.
 */
export function allocationData(
  mode: 'likert' | 'pairwise',
  assignments: readonly AssignmentRecord[],
  ratings: readonly RatingRecord[],
  generations: ReadonlyMap<string, GenerationFacts>,
): AllocationData {
  const fact = (key: string) => {
    const g = generations.get(key);
    if (!g) throw new Error(`adaptive allocation: generation ${key} of the study is missing from the store`);
    return g;
  };
  const normal = new Map(assignments.filter((a) => a.kind === 'normal').map((a) => [a.id, a]));
  const units = new Map<string, AllocationUnit>();
  const holders = new Map<string, Set<string>>();
  for (const a of normal.values()) {
    const id = unitId(a.item);
    const keys = id.split('|');
    const g = fact(keys[0]!);
    if (!units.has(id))
      units.set(id, { id, generators: keys.map((k) => fact(k).generatorId), prompt: `${g.promptSetId}/${g.promptId}/${g.language}` });
    holders.set(id, (holders.get(id) ?? new Set()).add(a.raterId));
  }
  const counted = countedRatings(ratings).filter((r) => r.value !== null && normal.has(r.assignmentId));
  const scores: ScoreObservation[] = [];
  const votes: VoteObservation[] = [];
  for (const r of counted) {
    const a = normal.get(r.assignmentId)!;
    const unit = units.get(unitId(a.item))!;
    const keys = a.item.split('|');
    if (mode === 'likert')
      scores.push({
        unit: unit.id,
        generator: unit.generators[0]!,
        prompt: unit.prompt,
        rater: r.raterId,
        dimension: r.dimension,
        score: r.value!,
      });
    else {
      // 1: the left side won, 2: the right one, 0: a tie; the sides are the assignment's own order.
      const [a0, b0] = keys.map((k) => fact(k).generatorId);
      votes.push({
        unit: unit.id,
        rater: r.raterId,
        dimension: r.dimension,
        vote: { a: a0!, b: b0!, outcome: r.value === 1 ? 'A' : r.value === 2 ? 'B' : 'tie' },
      });
    }
  }
  const ratedIds = new Set(counted.map((r) => r.assignmentId));
  const perUnit = new Map([...units.keys()].map((id) => [id, 0]));
  for (const id of ratedIds) perUnit.set(unitId(normal.get(id)!.item), perUnit.get(unitId(normal.get(id)!.item))! + 1);
  return {
    units: [...units.values()],
    observations: mode === 'likert' ? { mode, scores } : { mode, votes },
    holders,
    ratedItems: ratedIds.size,
    fewestRatings: [...perUnit.values()].reduce((m, n) => Math.min(m, n), Infinity),
  };
}
