/**
 * US dollars as people read them, the same in the terminal and the report: cents from a dollar
 * up, and up to four decimals below (a price per request is often a fraction of a cent).
 */
export function formatUsd(value: number): string {
  if (value >= 1) return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (value === 0) return '$0.00';
  const fixed = value.toFixed(4);
  if (Number(fixed) === 0) return '<$0.0001';
  const [whole, decimals = ''] = fixed.split('.');
  return `$${whole}.${decimals.replace(/0+$/, '').padEnd(2, '0')}`;
}
