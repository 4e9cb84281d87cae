import { studentTQuantile } from './student-t.js';

export interface MeanCi {
  n: number;
  mean: number | null;
  sd: number | null;
  /** The 95% interval from the t distribution; null below two values. */
  low: number | null;
  high: number | null;
}

/** Mean with a t-based confidence interval (level 0.95 unless given); nulls are left out. */
export function meanCi(values: readonly (number | null)[], level = 0.95): MeanCi {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, low: null, high: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}
