import { meanCi, type MeanCi } from './mean-ci.js';

export interface MosRow extends MeanCi {
  group: string;
}

/** Mean opinion score per group (generator, dimension, category...) with a t-based 95% interval. */
export function mosByGroup<T>(rows: readonly T[], groupOf: (row: T) => string, scoreOf: (row: T) => number | null): MosRow[] {
  const groups = new Map<string, (number | null)[]>();
  for (const row of rows) {
    const g = groupOf(row);
    const list = groups.get(g);
    if (list) list.push(scoreOf(row));
    else groups.set(g, [scoreOf(row)]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group, values]) => ({ group, ...meanCi(values) }));
}
