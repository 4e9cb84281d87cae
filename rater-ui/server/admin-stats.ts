import { krippendorffAlpha } from '../../core/analysis/index.js';
import { type AssignmentRecord, type GenerationRecord, type RatingRecord, DIMENSIONS } from '../../core/types/index.js';
import type { AdminOverview, RaterProgress } from '../shared/index.js';
import { countedRatings, type RatingUiConfig } from '../../core/study/index.js';

/** The counted value per assignment and dimension (`countedRatings`: a correction replaces the first rating, later resends do not). */
export function latestValues(
  ratings: readonly RatingRecord[],
): Map<string, { values: Record<string, number | null>; cannotRate: string | null; timeMs: number }> {
  const out = new Map<string, { values: Record<string, number | null>; cannotRate: string | null; timeMs: number }>();
  for (const r of countedRatings(ratings)) {
    const entry = out.get(r.assignmentId) ?? { values: {}, cannotRate: null, timeMs: r.timeMs };
    entry.values[r.dimension] = r.value;
    entry.cannotRate = r.cannotRate;
    entry.timeMs = r.timeMs;
    out.set(r.assignmentId, entry);
  }
  return out;
}

export function raterProgress(
  config: RatingUiConfig,
  assignments: readonly AssignmentRecord[],
  ratings: readonly RatingRecord[],
): RaterProgress[] {
  const latest = latestValues(ratings);
  return config.raters.map(({ id }) => {
    const mine = assignments.filter((a) => a.raterId === id);
    const rated = mine.filter((a) => latest.has(a.id));
    const times = rated.map((a) => latest.get(a.id)!.timeMs).sort((x, y) => x - y);
    let goldRated = 0;
    let goldFailures = 0;
    for (const a of rated.filter((x) => x.kind === 'gold')) {
      const v = latest.get(a.id)!;
      if (v.cannotRate) continue;
      goldRated++;
      const expect = config.gold[a.id]?.expect ?? {};
      const failed = Object.entries(expect).some(([dim, range]) => {
        const value = v.values[dim];
        return value !== null && value !== undefined && range !== undefined && (value < range[0] || value > range[1]);
      });
      if (failed) goldFailures++;
    }
    const diffs: number[] = [];
    for (const rep of rated.filter((x) => x.kind === 'repeat')) {
      const first = mine.find((x) => x.kind === 'normal' && x.item === rep.item);
      const a = first && latest.get(first.id);
      const b = latest.get(rep.id)!;
      if (!a) continue;
      for (const d of DIMENSIONS) {
        const [x, y] = [a.values[d], b.values[d]];
        if (typeof x === 'number' && typeof y === 'number') diffs.push(Math.abs(x - y));
      }
    }
    return {
      raterId: id,
      done: rated.length,
      total: mine.length,
      medianTimeMs: times.length ? times[Math.floor((times.length - 1) / 2)]! : null,
      goldFailures,
      goldRated,
      repeatMeanAbsDiff: diffs.length ? diffs.reduce((s, x) => s + x, 0) / diffs.length : null,
    };
  });
}

/**
 * Per generator: items planned and rated (normal items only) and, per dimension, the mean score
 * (likert) or the share of votes won with a tie as half (pairwise).
 */
export function generatorProgress(
  mode: 'likert' | 'pairwise',
  assignments: readonly AssignmentRecord[],
  ratings: readonly RatingRecord[],
  generations: ReadonlyMap<string, GenerationRecord>,
): AdminOverview['generators'] {
  const latest = latestValues(ratings);
  const acc = new Map<string, { planned: number; rated: number; sums: Record<string, [number, number]> }>();
  for (const a of assignments.filter((x) => x.kind === 'normal')) {
    const keys = a.item.split('|');
    keys.forEach((key, side) => {
      const gen = generations.get(key)!.generatorId;
      const e = acc.get(gen) ?? { planned: 0, rated: 0, sums: {} };
      acc.set(gen, e);
      e.planned++;
      const v = latest.get(a.id);
      if (!v) return;
      e.rated++;
      for (const d of DIMENSIONS) {
        const raw = v.values[d];
        if (typeof raw !== 'number') continue;
        const score = mode === 'likert' ? raw : raw === 0 ? 0.5 : raw === side + 1 ? 1 : 0;
        const s = (e.sums[d] ??= [0, 0]);
        s[0] += score;
        s[1]++;
      }
    });
  }
  return [...acc.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([generatorId, e]) => ({
      generatorId,
      plannedItems: e.planned,
      ratedItems: e.rated,
      meanByDimension: Object.fromEntries(DIMENSIONS.map((d) => [d, e.sums[d] ? e.sums[d][0] / e.sums[d][1] : null])),
    }));
}

/**
 * Krippendorff's alpha per dimension over the normal items rated by two raters or more:
 * ordinal for the 5-point scales, nominal for A / B / tie votes (the sides differ per rater, so
 * votes are turned into "which generation won" first).
 */
export function agreement(
  mode: 'likert' | 'pairwise',
  assignments: readonly AssignmentRecord[],
  ratings: readonly RatingRecord[],
): Record<string, number | null> {
  const latest = latestValues(ratings);
  const units = new Map<string, AssignmentRecord[]>();
  for (const a of assignments) {
    if (a.kind !== 'normal' || !latest.has(a.id)) continue;
    const unit = a.item.split('|').sort().join('|');
    units.set(unit, [...(units.get(unit) ?? []), a]);
  }
  return Object.fromEntries(
    DIMENSIONS.map((d) => {
      const data = [...units.values()].map((list) =>
        list.map((a) => {
          const v = latest.get(a.id)!.values[d];
          if (typeof v !== 'number') return null;
          if (mode === 'likert' || v === 0) return v;
          // 1 = the left key won, 2 = the right one: name the winner by its place in the sorted pair.
          const winner = a.item.split('|')[v - 1]!;
          return a.item.split('|').sort().indexOf(winner) + 1;
        }),
      );
      return [d, krippendorffAlpha(data, mode === 'likert' ? 'ordinal' : 'nominal').alpha];
    }),
  );
}
