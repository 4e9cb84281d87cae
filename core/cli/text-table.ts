/**
 * A plain-text table for the terminal: columns as wide as their widest cell, two spaces apart;
 * the first `left` columns (names) are aligned left, the rest (numbers) right.
 */
export function textTable(head: readonly string[], rows: readonly (readonly (string | number)[])[], left = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: readonly (string | number)[]) =>
    cells
      .map((c, i) => (i < left ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
