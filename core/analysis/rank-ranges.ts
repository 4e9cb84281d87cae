export interface Ranked {
  id: string;
  mean: number;
  low: number | null;
  high: number | null;
}

export interface RankRange extends Ranked {
  /** Best and worst rank this entry can claim; equal when its place is clear. */
  best: number;
  worst: number;
  /** "1", or "2–4" when the order among several is within the noise. */
  label: string;
}

/**
 * Ranks with ties, as leaderboards that publish rank ranges do: A is ahead of B only when
 * their intervals do not overlap and A's mean is at least `tolerance` higher (0.1 on the
 * 5-point scale by default: a lab's own advice was that less is noise). Best rank = 1 + the
 * number clearly ahead; worst rank = n - the number clearly behind.
 */
export function rankRanges(entries: readonly Ranked[], tolerance = 0.1): RankRange[] {
  const ahead = (a: Ranked, b: Ranked) => a.mean - b.mean >= tolerance && a.low !== null && b.high !== null && a.low > b.high;
  const n = entries.length;
  return [...entries]
    .sort((a, b) => b.mean - a.mean)
    .map((e) => {
      const best = 1 + entries.filter((o) => o !== e && ahead(o, e)).length;
      const worst = n - entries.filter((o) => o !== e && ahead(e, o)).length;
      return { ...e, best, worst, label: best === worst ? `${best}` : `${best}–${worst}` };
    });
}
