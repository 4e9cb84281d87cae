import { mulberry32, seedFromString, seededShuffle } from '../../../core/types/seeded-random.js';
import type { AssignmentRecord } from '../../../core/types/store.js';
import type { StudyUnit } from './select-items.js';

export type PlannedAssignment = Omit<AssignmentRecord, 'createdAt'>;

export interface AssignOptions {
  studyId: string;
  seed: string;
  raterIds: readonly string[];
  ratingsPerItem: number;
  goldRate: number;
  repeatRate: number;
  /** Gold items: media shown with another prompt's text (likert only); null when gold does not apply. */
  makeGold: ((raterId: string, exclude: ReadonlySet<string>, random: () => number) => { key: string; textFrom: string } | null) | null;
}

export interface AssignResult {
  assignments: PlannedAssignment[];
  gold: Record<string, { textFrom: string }>;
}

/**
 * Gives each unit to `ratingsPerItem` different raters (the least loaded first, ties drawn at
 * random), shuffles each rater's list on its own seed, then inserts gold items at random places
 * and planned repeats in the later part of the list, far from their first showing.
 */
export function assignUnits(units: readonly StudyUnit[], o: AssignOptions): AssignResult {
  if (o.raterIds.length < o.ratingsPerItem) {
    throw new Error(`${o.ratingsPerItem} ratings per item need at least ${o.ratingsPerItem} raters, but there are ${o.raterIds.length}`);
  }
  const random = mulberry32(seedFromString(`${o.seed}/assign`));
  const lists = new Map(o.raterIds.map((r) => [r, [] as string[]]));
  for (const unit of seededShuffle(units, `${o.seed}/units`)) {
    const chosen = [...o.raterIds]
      .map((r) => ({ r, load: lists.get(r)!.length, tie: random() }))
      .sort((a, b) => a.load - b.load || a.tie - b.tie)
      .slice(0, o.ratingsPerItem);
    for (const { r } of chosen) {
      // Pairwise sides are drawn per rater, so that "left" carries no information.
      const keys = unit.keys.length === 2 && random() < 0.5 ? [unit.keys[1]!, unit.keys[0]!] : unit.keys;
      lists.get(r)!.push(keys.join('|'));
    }
  }
  const assignments: PlannedAssignment[] = [];
  const gold: AssignResult['gold'] = {};
  for (const raterId of o.raterIds) {
    const normal = seededShuffle(lists.get(raterId)!, `${o.seed}/order/${raterId}`);
    const seq: { item: string; kind: AssignmentRecord['kind']; textFrom?: string }[] = normal.map((item) => ({ item, kind: 'normal' }));
    const r = mulberry32(seedFromString(`${o.seed}/qc/${raterId}`));
    if (o.makeGold && o.goldRate > 0 && normal.length > 0) {
      const seen = new Set(normal);
      for (let i = 0; i < countFor(o.goldRate, normal.length); i++) {
        const g = o.makeGold(raterId, seen, r);
        if (!g) break;
        seen.add(g.key);
        seq.splice(Math.floor(r() * (seq.length + 1)), 0, { item: g.key, kind: 'gold', textFrom: g.textFrom });
      }
    }
    insertRepeats(seq, countFor(o.repeatRate, normal.length), r);
    seq.forEach((s, position) => {
      const id = `${o.studyId}-${raterId}-${position}`;
      assignments.push({ id, studyId: o.studyId, raterId, item: s.item, position, kind: s.kind });
      if (s.textFrom) gold[id] = { textFrom: s.textFrom };
    });
  }
  return { assignments, gold };
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
