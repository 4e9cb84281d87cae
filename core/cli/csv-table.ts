import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataError, type CsvTable } from '../types/index.js';

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** Reads a CSV with a header row; unreadable or malformed files become DataErrors with the line. */
export function readCsvTable(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw DataError.one(file, { message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false });
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw DataError.one(file, { line: err.lines, message: err.message.replace(/^Invalid Record Length: /, '') });
  }
  const header = records.length
    ? Object.keys(records[0]!.record)
    : (text.split(/\r?\n/)[0] ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
  const column = (aliases: readonly string[]) => header.find((h) => aliases.some((a) => norm(a) === norm(h)));
  return {
    file,
    header,
    rows: records.map((r) => ({ line: r.info.lines, get: (c: string) => r.record[c] })),
    column,
    require(what, aliases) {
      const c = column(aliases);
      if (!c)
        throw DataError.one(file, {
          line: 1,
          field: what,
          message: `no ${what} column: expected one of ${aliases.join(', ')}; the header has ${header.join(', ') || 'nothing'}`,
        });
      return c;
    },
  };
}
