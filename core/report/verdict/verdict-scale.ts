/**
 * The axis a chart of one basis uses: the metric's declared range where it is finite, otherwise
 * the span of the values shown (a little wider, so no mark sits on the frame).
 */
export function verdictScale(range: readonly [number, number] | null, values: readonly (number | null)[]): [number, number] {
  if (range && Math.abs(range[0]) < 1e12 && Math.abs(range[1]) < 1e12) return [range[0], range[1]];
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return [0, 1];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1, Math.abs(lo) * 0.1);
  return [lo - pad, hi + pad];
}
