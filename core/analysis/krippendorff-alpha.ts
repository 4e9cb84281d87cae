/**
 * Krippendorff's alpha for any number of raters with missing values, computed from the
 * coincidence matrix as in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
 */

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaResult {
  alpha: number | null;
  /** Pairable values (those in units rated at least twice): n of the paper. */
  pairable: number;
  /** Pairable units: a unit with one value cannot be paired and is not counted. */
  units: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

/** `units[u]` holds the values every rater gave unit u; null (or absent) is missing. */
export function krippendorffAlpha(units: readonly (readonly (number | null)[])[], level: AlphaLevel): AlphaResult {
  const clean = units.map((u) => u.filter((v): v is number => v !== null && Number.isFinite(v))).filter((u) => u.length >= 2);
  const values = [...new Set(clean.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (const unit of clean) {
    const m = unit.length;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[index.get(unit[i]!)!]![index.get(unit[j]!)!]! += 1 / (m - 1);
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta = distance(values, nc, level);
  let dObs = 0;
  let dExp = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      dObs += o[c]![k]! * delta(c, k);
      dExp += nc[c]! * nc[k]! * delta(c, k);
    }
  dObs /= n;
  dExp /= n * (n - 1);
  return {
    alpha: n > 1 && dExp > 0 ? 1 - dObs / dExp : null,
    pairable: clean.reduce((a, u) => a + u.length, 0),
    units: clean.length,
    observedDisagreement: dObs,
    expectedDisagreement: dExp,
  };
}

/** The squared difference functions of the four levels of measurement. */
function distance(values: number[], nc: number[], level: AlphaLevel): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case 'ratio':
      return (c, k) => (c === k ? 0 : ((values[c]! - values[k]!) / (values[c]! + values[k]!)) ** 2);
    case 'ordinal':
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g]!;
        return (s - (nc[c]! + nc[k]!) / 2) ** 2;
      };
  }
}

/** Arranges long-form ratings into units for `krippendorffAlpha`. */
export function unitsFromRatings(rows: readonly { item: string; score: number | null }[]): (number | null)[][] {
  const byItem = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const list = byItem.get(r.item);
    if (list) list.push(r.score);
    else byItem.set(r.item, [r.score]);
  }
  return [...byItem.values()];
}

/** Alpha at the four levels of measurement over the same units, with the pairable units and values. */
export type AlphaLevels = Record<AlphaLevel, number | null> & { units: number; values: number };

export function alphaLevels(units: readonly (readonly (number | null)[])[]): AlphaLevels {
  const at = (level: AlphaLevel) => krippendorffAlpha(units, level);
  const interval = at('interval');
  return {
    nominal: at('nominal').alpha,
    ordinal: at('ordinal').alpha,
    interval: interval.alpha,
    ratio: at('ratio').alpha,
    units: interval.units,
    values: interval.pairable,
  };
}
