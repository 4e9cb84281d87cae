import { parse } from 'csv-parse/sync';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { readText } from '../prompt-files.js';
import { locate, type RawPrompt } from './raw-prompts.js';

const COLUMNS = ['item_id', 'text', 'proposition_id', 'dependency', 'category_broad', 'question_natural_language'];

interface Row {
  item_id: string;
  text: string;
  proposition_id: string;
  dependency: string;
  category_broad: string;
  question_natural_language: string;
  line: number;
}

/**
 * DSG-1k's `dsg-1k-anns.csv`: one row per question; each prompt carries its questions with their
 * dependencies (0 = none). Where one of a prompt's dependency cells is not a list of numbers
 * (upstream has ten, such as "1, outside"), the prompt keeps no dependencies at all, as the DSG
 * authors' own code does (its try/except), so that scores match theirs; it is tagged so. A question
 * listed as depending on itself (a few upstream rows) depends on nothing: under DSG's rule that
 * changes no score. A dependency on a question missing from the file (tifa160_134 lacks its
 * question 1) is dropped and the prompt tagged `dsg:missing-parent`.
 */
export function readDsg(file: string): LocatedPrompts {
  const records = parse(readText(file), { columns: true, info: true, skip_empty_lines: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const missing = COLUMNS.filter((c) => !(c in (records[0]?.record ?? {})));
  if (missing.length > 0) throw DataError.one(file, { line: 1, message: `missing columns: ${missing.join(', ')}` });
  const items = new Map<string, Row[]>();
  for (const { record, info } of records) {
    const row = { ...(record as unknown as Row), line: info.lines };
    items.set(row.item_id, [...(items.get(row.item_id) ?? []), row]);
  }
  const raw: RawPrompt[] = [...items].map(([id, rows]) => {
    const deps = rows.map((r) => r.dependency.split(',').map((d) => d.trim()));
    const malformed = deps.some((ds) => ds.some((d) => !/^\d+$/.test(d)));
    const ids = new Set(rows.map((r) => Number(r.proposition_id)));
    const parentsOf = (i: number) => deps[i]!.map(Number).filter((d) => d !== 0 && d !== Number(rows[i]!.proposition_id));
    const orphan = !malformed && rows.some((_, i) => parentsOf(i).some((d) => !ids.has(d)));
    return {
      line: rows[0]!.line,
      value: {
        id,
        category: id.replace(/_\d+$/, ''),
        tags: [...(malformed ? ['dsg:dependencies-dropped'] : []), ...(orphan ? ['dsg:missing-parent'] : [])],
        text: { en: rows[0]!.text },
        expect: {
          questions: rows.map((r, i) => ({
            id: Number(r.proposition_id),
            text: { en: r.question_natural_language },
            parents: malformed ? [] : parentsOf(i).filter((d) => ids.has(d)),
            category: r.category_broad,
          })),
        },
      },
    };
  });
  return locate(raw, file);
}
