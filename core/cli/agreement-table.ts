import { DataError, type CsvTable, type DataProblem } from '../types/index.js';
import type { AgreementRow } from '../analysis/index.js';
import { RATING_COLUMNS } from '../study/index.js';
import { readCsvTable } from './csv-table.js';

/** Which columns of the table (and of a long ratings file) `loupe agreement` reads. */
export interface TableColumns {
  human?: string;
  system?: string;
  item?: string;
  unit?: string;
  raters?: string[];
  ratings?: string;
  ratingsKey?: string[];
  ratingsScore?: string;
  /** Which dimension of a long ratings file with a dimension column (required when it has several). */
  dimension?: string;
  key?: string[];
}

export interface AgreementTable {
  human: string;
  /** Null where the table has no system column: item level only. */
  system: string | null;
  /** The rows per metric column; empty cells (not applicable, or not rated) left out. */
  rowsFor(metric: string): AgreementRow[];
  /** Table rows that have two or more single ratings (the human ceiling is computed from them). */
  rated: number;
}

const number = (file: string, line: number, field: string, text: string, problems: DataProblem[]) => {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v)) problems.push({ line, field, message: `"${text}" is not a number` });
  return v;
};

function need(table: CsvTable, c: string): string {
  if (!table.header.includes(c))
    throw DataError.one(table.file, { line: 1, field: c, message: `no such column; the header has ${table.header.join(', ')}` });
  return c;
}

/**
 * The dimension whose ratings are read: the one asked for, or the only one in the file; a file
 * with several and none asked for is refused, since pooling realism with consistency means nothing.
 */
function pickDimension(t: CsvTable, column: string | undefined, asked: string | undefined): string | null {
  if (!column) {
    if (asked)
      throw DataError.one(t.file, { line: 1, field: 'dimension', message: `--dimension ${asked}: the file has no dimension column` });
    return null;
  }
  const found = [...new Set(t.rows.map((r) => r.get(column) ?? ''))].filter(Boolean);
  if (asked && !found.includes(asked))
    throw DataError.one(t.file, {
      line: 1,
      field: column,
      message: `no ratings of dimension "${asked}"; the file has ${found.join(', ')}`,
    });
  if (!asked && found.length > 1)
    throw DataError.one(t.file, {
      line: 1,
      field: column,
      message: `${found.length} dimensions (${found.join(', ')}): pick one with --dimension`,
    });
  return asked ?? found[0] ?? null;
}

/** Single ratings by item key from a long file: one score per row, of one dimension. */
function readPanels(file: string, c: TableColumns): { panels: Map<string, number[]>; dimension: string | null } {
  const t = readCsvTable(file);
  const key = c.ratingsKey?.map((k) => need(t, k)) ?? [t.require('item', RATING_COLUMNS.item)];
  const score = c.ratingsScore ? need(t, c.ratingsScore) : t.require('score', [...RATING_COLUMNS.score, 'answer']);
  const dimensionColumn = t.column(RATING_COLUMNS.dimension);
  const dimension = pickDimension(t, dimensionColumn, c.dimension);
  const problems: DataProblem[] = [];
  const panels = new Map<string, number[]>();
  for (const row of t.rows) {
    if (dimension !== null && row.get(dimensionColumn!) !== dimension) continue;
    const text = row.get(score) ?? '';
    if (text === '') continue; // "cannot rate"
    const v = number(file, row.line, score, text, problems);
    const k = key.map((c) => row.get(c) ?? '').join('\u0000');
    (panels.get(k) ?? panels.set(k, []).get(k)!).push(v);
  }
  if (problems.length > 0) throw new DataError(file, problems.slice(0, 20));
  return { panels, dimension };
}

/**
 * Reads a table of human and metric scores per item. The human score is a column, or the mean
 * of per-rater columns, or the mean of a long ratings file joined on a key; the single ratings,
 * when given, feed the human ceiling. Without a system column every row is one system.
 */
export function readAgreementTable(file: string, c: TableColumns): AgreementTable {
  const table = readCsvTable(file);
  const system = c.system ? need(table, c.system) : table.header.includes('system') ? 'system' : null;
  const item = c.item ? need(table, c.item) : table.header.includes('item') ? 'item' : null;
  const unit = c.unit ? need(table, c.unit) : item;
  const raters = c.raters?.map((r) => need(table, r));
  const key = (c.key ?? (item ? [item] : [])).map((k) => need(table, k));
  if (c.ratings && key.length === 0)
    throw DataError.one(file, { line: 1, message: 'joining a ratings file needs --key (or an item column) to match its rows' });
  const long = c.ratings ? readPanels(c.ratings, c) : null;
  const panels = long?.panels ?? null;
  const human = c.human ? need(table, c.human) : null;
  if (!human && !raters && !panels)
    throw DataError.one(file, { line: 1, message: 'no human scores: give --human <column>, --raters <columns...> or --ratings <file>' });
  const problems: DataProblem[] = [];
  const base = table.rows.map((row) => {
    const id = item ? (row.get(item) ?? '') : `line ${row.line}`;
    const ratings =
      raters?.flatMap((r) => (row.get(r) ? [number(file, row.line, r, row.get(r)!, problems)] : [])) ??
      panels?.get(key.map((k) => row.get(k) ?? '').join('\u0000')) ??
      [];
    const h = human && row.get(human) ? number(file, row.line, human, row.get(human)!, problems) : null;
    const mean = ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null;
    return {
      row,
      item: id,
      system: system ? (row.get(system) ?? '') : '',
      unit: unit ? (row.get(unit) ?? '') : id,
      ratings,
      human: h ?? mean,
    };
  });
  if (problems.length > 0) throw new DataError(file, problems.slice(0, 20));
  return {
    human:
      human ?? (raters ? `mean of ${raters.join(', ')}` : `mean rating in ${c.ratings}${long?.dimension ? ` (${long.dimension})` : ''}`),
    system,
    rated: base.filter((b) => b.ratings.length >= 2).length,
    rowsFor(metric) {
      need(table, metric);
      const bad: DataProblem[] = [];
      const rows = base.flatMap((b) => {
        const m = b.row.get(metric) ?? '';
        if (m === '' || b.human === null) return []; // the metric does not apply, or nobody rated it
        const value = number(file, b.row.line, metric, m, bad);
        return [{ item: b.item, system: b.system, unit: b.unit, human: b.human, metric: value, ratings: b.ratings }];
      });
      if (bad.length > 0) throw new DataError(file, bad.slice(0, 20));
      return rows;
    },
  };
}
