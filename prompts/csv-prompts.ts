import { parse } from 'csv-parse/sync';
import { DataError, type DataProblem, PromptSchema, type Prompt } from '../core/types/index.js';
import type { LocatedPrompts } from './located-prompts.js';
import { zodProblems } from './yaml-lines.js';

/** The CSV columns Loupe reads; lists (tags, objects, colors) are separated by ";" or "|". */
export const CSV_COLUMNS = [
  'id',
  'category',
  'tags',
  'zh',
  'en',
  'modality',
  'expect_text',
  'count_object',
  'count_object_zh',
  'count_n',
  'objects',
  'colors',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const list = (cell: string | undefined) =>
  cell
    ? cell
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const blankToUndefined = (cell: string | undefined) => (cell === undefined || cell.trim() === '' ? undefined : cell.trim());

export function readCsvPrompts(text: string, file: string): LocatedPrompts {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, info: true, trim: false });
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw DataError.one(file, { line: err.lines, message: `malformed CSV: ${err.message}` });
  }
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw DataError.one(file, {
      line: 1,
      field: unknown[0],
      message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}; known columns: ${CSV_COLUMNS.join(', ')}`,
    });
  }
  const prompts: Prompt[] = [];
  const lines: number[] = [];
  const problems: DataProblem[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const result = PromptSchema.safeParse(rowToPrompt(record as Partial<Record<Column, string>>, line, problems));
    if (result.success) {
      prompts.push(result.data);
      lines.push(line);
    } else problems.push(...zodProblems(result.error, () => line));
  }
  if (problems.length > 0) throw new DataError(file, problems);
  return { prompts, lines };
}

function rowToPrompt(row: Partial<Record<Column, string>>, line: number, problems: DataProblem[]): unknown {
  const get = (c: Column) => blankToUndefined(row[c]);
  const countObject = get('count_object');
  const countN = get('count_n');
  let count: unknown;
  if (countObject !== undefined || countN !== undefined) {
    const n = Number(countN);
    if (countN === undefined || !Number.isInteger(n)) {
      problems.push({ line, field: 'count_n', message: `needs a whole number when count_object is set (got "${countN ?? ''}")` });
    }
    count = { object: countObject, objectZh: get('count_object_zh'), n };
  }
  const expect = {
    count,
    text: get('expect_text'),
    objects: list(get('objects')),
    colors: list(get('colors')),
  };
  const hasExpect = Object.values(expect).some((v) => v !== undefined);
  return {
    id: get('id'),
    category: get('category'),
    tags: list(get('tags')) ?? [],
    text: Object.fromEntries(Object.entries({ zh: get('zh'), en: get('en') }).filter(([, v]) => v !== undefined)),
    expect: hasExpect ? JSON.parse(JSON.stringify(expect)) : undefined,
    modality: get('modality') ?? 'image',
  };
}
