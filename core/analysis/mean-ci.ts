import { studentTQuantile } from './student-t.js';

export interface MeanCi {
  n: number;
  mean: number | null;
  sd: number | null;
  /** The 95% interval from the t distribution, cut at the range when one is given; null below two values. */
  low: number | null;
  high: number | null;
}

/**
 * Mean with a t-based confidence interval (level 0.95 unless given); nulls are left out. With a
 * `range` (a bounded metric, e.g. flicker in [0, 1]) the interval is cut at its ends: the mean of
 * values inside the range cannot lie outside it, and a t interval near an end would say it can.
 */
export function meanCi(values: readonly (number | null)[], options: { level?: number; range?: readonly [number, number] } = {}): MeanCi {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const level = options.level ?? 0.95;
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  const [min, max] = options.range ?? [-Infinity, Infinity];
  return { n, mean, sd, low: Math.max(min, mean - half), high: Math.min(max, mean + half) };
}
