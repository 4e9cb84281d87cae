/** The 0.975 quantile of the standard normal distribution. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval (95%) of a proportion, without continuity correction (Newcombe 1998,
 * method 3): unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or n
 * successes, which is what a pass rate over a few dozen prompts needs. Null for no trials.
 */
export function wilsonInterval(successes: number, trials: number): { low: number; high: number } | null {
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = Z95 * Z95;
  const centre = p + z2 / (2 * trials);
  const half = Z95 * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  return { low: Math.max(0, (centre - half) / denominator), high: Math.min(1, (centre + half) / denominator) };
}
