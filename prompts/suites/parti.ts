import { parse } from 'csv-parse/sync';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { readText } from '../prompt-files.js';
import { locate, type RawPrompt } from './raw-prompts.js';

const COLUMNS = ['Prompt', 'Category', 'Challenge', 'Note'];

/** PartiPrompts' TSV (`Prompt, Category, Challenge, Note`): the category as is, the challenge as a tag. */
export function readParti(file: string): LocatedPrompts {
  const rows = parse(readText(file), { delimiter: '\t', relax_quotes: true, info: true, skip_empty_lines: true }) as {
    record: string[];
    info: { lines: number };
  }[];
  const header = rows[0]?.record ?? [];
  if (COLUMNS.some((c, i) => header[i] !== c)) {
    throw DataError.one(file, { line: 1, message: `expected the columns ${COLUMNS.join(', ')}; found ${header.join(', ')}` });
  }
  const raw: RawPrompt[] = rows.slice(1).map(({ record, info }, i) => ({
    line: info.lines,
    value: {
      id: `parti-${String(i + 1).padStart(4, '0')}`,
      category: record[1],
      tags: [`challenge:${record[2]}`],
      text: { en: record[0] },
    },
  }));
  return locate(raw, file);
}
