import { describe, expect, it } from 'vitest';
import { assignUnits } from '../../../core/study/assign.js';
import { sampleUnits, type StudyUnit } from '../../../core/study/select-items.js';

const units = (n: number, pair = false): StudyUnit[] =>
  Array.from({ length: n }, (_, i) => ({ keys: pair ? [`a${i}`, `b${i}`] : [`k${i}`], stratum: `g${i % 2}\u0000c${i % 3}` }));

const base = {
  studyId: 's',
  seed: 'seed-1',
  raterIds: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'],
  ratingsPerItem: 5,
  goldRate: 0,
  repeatRate: 0,
  makeGold: null,
};

describe('assignUnits', () => {
  it('gives every item to exactly k different raters and balances the load', () => {
    const { assignments } = assignUnits(units(30), base);
    const byItem = new Map<string, string[]>();
    for (const a of assignments) byItem.set(a.item, [...(byItem.get(a.item) ?? []), a.raterId]);
    expect(byItem.size).toBe(30);
    for (const raters of byItem.values()) {
      expect(raters).toHaveLength(5);
      expect(new Set(raters).size).toBe(5);
    }
    const loads = base.raterIds.map((r) => assignments.filter((a) => a.raterId === r).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
  });

  it('orders each rater differently, positions 0..n-1, and the same seed gives the same plan', () => {
    const first = assignUnits(units(30), base).assignments;
    const order = (r: string) => first.filter((a) => a.raterId === r).map((a) => a.item);
    const shared = order('r1').filter((i) => order('r2').includes(i));
    expect(shared.length).toBeGreaterThan(5);
    expect(order('r2').filter((i) => shared.includes(i))).not.toEqual(shared);
    expect(first.filter((a) => a.raterId === 'r3').map((a) => a.position)).toEqual(order('r3').map((_, i) => i));
    expect(assignUnits(units(30), base).assignments).toEqual(first);
    expect(assignUnits(units(30), { ...base, seed: 'seed-2' }).assignments).not.toEqual(first);
  });

  it('inserts planned repeats far from the first showing, and no other item twice', () => {
    const { assignments } = assignUnits(units(40), { ...base, raterIds: ['r1', 'r2'], ratingsPerItem: 1, repeatRate: 0.1 });
    for (const r of ['r1', 'r2']) {
      const mine = assignments.filter((a) => a.raterId === r);
      const repeats = mine.filter((a) => a.kind === 'repeat');
      expect(repeats).toHaveLength(2);
      const normals = mine.filter((a) => a.kind === 'normal').map((a) => a.item);
      expect(new Set(normals).size).toBe(normals.length);
      for (const rep of repeats) {
        const first = mine.find((a) => a.kind === 'normal' && a.item === rep.item)!;
        expect(rep.position - first.position).toBeGreaterThanOrEqual(Math.floor(mine.length / 2) - 1);
      }
    }
  });

  it('adds gold items at the rate, with the text of another prompt, and randomises pairwise sides per rater', () => {
    const answer = { textFrom: 'k0', expect: { 'text-image-consistency': [1, 2] as [number, number] } };
    const gold = {
      ...base,
      raterIds: ['r1', 'r2'],
      ratingsPerItem: 1,
      goldRate: 0.2,
      makeGold: (_r: string, seen: ReadonlySet<string>) => ({ item: `x${seen.size}`, gold: answer }),
    };
    const result = assignUnits(units(20), gold);
    const golds = result.assignments.filter((a) => a.kind === 'gold');
    expect(golds).toHaveLength(4);
    for (const g of golds) expect(result.gold[g.id]).toEqual(answer);

    const pairs = assignUnits(units(40, true), { ...base, raterIds: ['r1', 'r2'], ratingsPerItem: 2 }).assignments;
    const leftFirst = pairs.filter((a) => a.item.startsWith('a')).length;
    expect(leftFirst).toBeGreaterThan(10);
    expect(leftFirst).toBeLessThan(70);
  });

  it('refuses more ratings per item than raters', () => {
    expect(() => assignUnits(units(3), { ...base, raterIds: ['r1', 'r2'] })).toThrow(/at least 5 raters/);
  });
});

describe('sampleUnits', () => {
  it('takes n per stratum, or everything', () => {
    const all = units(60);
    const sampled = sampleUnits(all, 2, 'x');
    const strata = new Set(all.map((u) => u.stratum));
    expect(sampled).toHaveLength(strata.size * 2);
    for (const s of strata) expect(sampled.filter((u) => u.stratum === s)).toHaveLength(2);
    expect(sampleUnits(all, null, 'x')).toHaveLength(60);
  });
});
