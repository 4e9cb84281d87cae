const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export function fmt(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  // Differences of equal means leave rounding residue (2e-17): that is a zero, not a number to print.
  const abs = Math.abs(value);
  if (abs < 1e-12) return (0).toFixed(digits);
  return abs >= 1e5 || abs < 1e-3 ? value.toExponential(2) : value.toFixed(abs >= 100 ? 1 : digits);
}
