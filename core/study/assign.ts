import { mulberry32, seedFromString, seededShuffle, type AssignmentRecord } from '../types/index.js';
import type { GoldMaker, GoldSpec } from './gold-items.js';
import type { StudyUnit } from './select-items.js';

export type PlannedAssignment = Omit<AssignmentRecord, 'createdAt'>;

export interface AssignOptions {
  studyId: string;
  seed: string;
  raterIds: readonly string[];
  ratingsPerItem: number;
  goldRate: number;
  repeatRate: number;
  /** Gold items with a known answer (see gold-items.ts); null for none. */
  makeGold: GoldMaker | null;
}

export interface AssignResult {
  assignments: PlannedAssignment[];
  /** Assignment id -> the gold item's text source and known answer. */
  gold: Record<string, GoldSpec>;
}

/**
 * Gives each unit to `ratingsPerItem` different raters (the least loaded first, ties drawn at
 * random), shuffles each rater's list on its own seed, then inserts gold items at random places
 * and planned repeats in the later part of the list, far from their first showing.
 */
export function assignUnits(units: readonly StudyUnit[], o: AssignOptions): AssignResult {
  const lists = distribute(units, {
    seed: o.seed,
    raterIds: o.raterIds,
    need: () => o.ratingsPerItem,
    holders: () => new Set(),
    load: new Map(),
  });
  const result: AssignResult = { assignments: [], gold: {} };
  for (const raterId of o.raterIds) {
    const part = sequence(raterId, lists.get(raterId)!, o, 0);
    result.assignments.push(...part.assignments);
    Object.assign(result.gold, part.gold);
  }
  return result;
}

/** The same unit in either pairwise order. */
export const unitId = (item: string) => item.split('|').sort().join('|');

export interface DistributeOptions {
  seed: string;
  raterIds: readonly string[];
  /** How many more raters each unit needs. */
  need: (unit: StudyUnit) => number;
  /** Raters who already have the unit: never given it again. */
  holders: (unit: StudyUnit) => ReadonlySet<string>;
  /** Items each rater already has, counted as load. */
  load: ReadonlyMap<string, number>;
}

/** Gives each unit its needed raters among those who lack it, the least loaded first (ties drawn at random). */
export function distribute(units: readonly StudyUnit[], o: DistributeOptions): Map<string, string[]> {
  const random = mulberry32(seedFromString(`${o.seed}/assign`));
  const lists = new Map(o.raterIds.map((r) => [r, [] as string[]]));
  for (const unit of seededShuffle(units, `${o.seed}/units`)) {
    const need = o.need(unit);
    const has = o.holders(unit);
    const free = o.raterIds.filter((r) => !has.has(r));
    if (free.length < need) {
      throw new Error(`${need + has.size} ratings per item need at least ${need + has.size} raters, but there are ${o.raterIds.length}`);
    }
    const chosen = free
      .map((r) => ({ r, load: (o.load.get(r) ?? 0) + lists.get(r)!.length, tie: random() }))
      .sort((a, b) => a.load - b.load || a.tie - b.tie)
      .slice(0, need);
    for (const { r } of chosen) {
      // Pairwise sides are drawn per rater, so that "left" carries no information.
      const keys = unit.keys.length === 2 && random() < 0.5 ? [unit.keys[1]!, unit.keys[0]!] : unit.keys;
      lists.get(r)!.push(keys.join('|'));
    }
  }
  return lists;
}

/** A rater's items in a seeded order with gold items and repeats, as assignments from position `start` on. */
export function sequence(
  raterId: string,
  items: readonly string[],
  o: Omit<AssignOptions, 'raterIds' | 'ratingsPerItem'>,
  start: number,
): AssignResult {
  const normal = seededShuffle(items, `${o.seed}/order/${raterId}`);
  const seq: { item: string; kind: AssignmentRecord['kind']; gold?: GoldSpec }[] = normal.map((item) => ({ item, kind: 'normal' }));
  const r = mulberry32(seedFromString(`${o.seed}/qc/${raterId}`));
  if (o.makeGold && o.goldRate > 0 && normal.length > 0) {
    const seen = new Set(normal);
    for (let i = 0; i < countFor(o.goldRate, normal.length); i++) {
      const g = o.makeGold(raterId, seen, r);
      if (!g) break;
      seen.add(g.item);
      seq.splice(Math.floor(r() * (seq.length + 1)), 0, { item: g.item, kind: 'gold', gold: g.gold });
    }
  }
  insertRepeats(seq, countFor(o.repeatRate, normal.length), r);
  const result: AssignResult = { assignments: [], gold: {} };
  seq.forEach((s, i) => {
    const position = start + i;
    const id = `${o.studyId}-${raterId}-${position}`;
    result.assignments.push({ id, studyId: o.studyId, raterId, item: s.item, position, kind: s.kind });
    if (s.gold) result.gold[id] = s.gold;
  });
  return result;
}

function countFor(rate: number, n: number): number {
  if (rate <= 0 || n === 0) return 0;
  return Math.max(1, Math.round(rate * n));
}

/** Repeats come from the first half of the list and go at least half the list later. */
function insertRepeats(seq: { item: string; kind: AssignmentRecord['kind'] }[], count: number, random: () => number): void {
  const candidates = seq.map((s, i) => ({ s, i })).filter(({ s, i }) => s.kind === 'normal' && i < Math.ceil(seq.length / 2));
  const picked = candidates.sort(() => random() - 0.5).slice(0, count);
  for (const { s } of picked) {
    const from = seq.indexOf(s);
    const gap = Math.max(2, Math.floor(seq.length / 2));
    const start = Math.min(seq.length, from + gap);
    const at = start + Math.floor(random() * (seq.length - start + 1));
    seq.splice(at, 0, { item: s.item, kind: 'repeat' });
  }
}
