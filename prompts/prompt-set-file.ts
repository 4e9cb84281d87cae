import { basename, extname } from 'node:path';
import { z } from 'zod';
import { DataError, type DataProblem, PromptSchema, PromptSetSchema, type Prompt, type PromptSet } from '../core/types/index.js';
import { readCsvPrompts } from './csv-prompts.js';
import { readText } from './prompt-files.js';
import type { LocatedPrompts } from './located-prompts.js';
import { parseLocated, parseYamlLocated, zodProblems } from './yaml-lines.js';

/** Set fields that a file of bare prompts (CSV, JSONL, a YAML list) does not carry. */
export interface SetHeader {
  id?: string;
  version?: number;
  title?: string;
  description?: string;
}

/**
 * Reads a prompt set from YAML (a whole set, or a list of prompts), JSONL (one prompt per
 * line) or CSV (one prompt per row). Every error names the file, the line and the field.
 */
export function readPromptSetFile(file: string, header: SetHeader = {}): PromptSet {
  const text = readText(file);
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return readYamlSet(text, file, header);
  const located = ext === '.jsonl' ? readJsonlPrompts(text, file) : ext === '.csv' ? readCsvPrompts(text, file) : undefined;
  if (!located) {
    throw DataError.one(file, { message: `unknown prompt file type "${ext}": use .yaml, .yml, .jsonl or .csv` });
  }
  return finishSet(located, file, header);
}

function readYamlSet(text: string, file: string, header: SetHeader): PromptSet {
  const data = parseYamlLocated(text, file);
  if (Array.isArray(data.value)) {
    const prompts = parseLocated(z.array(PromptSchema), data, file);
    return finishSet({ prompts, lines: prompts.map((_, i) => data.lineOf([i])) }, file, header);
  }
  const set = parseLocated(PromptSetSchema, { ...data, value: withHeader(data.value, header) }, file);
  checkUniqueIds(
    set.prompts,
    set.prompts.map((_, i) => data.lineOf(['prompts', i])),
    file,
  );
  return set;
}

function withHeader(value: unknown, header: SetHeader): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const defined = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
  return { ...value, ...defined };
}

function readJsonlPrompts(text: string, file: string): LocatedPrompts {
  const prompts: Prompt[] = [];
  const lines: number[] = [];
  const problems: DataProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push({ line: i + 1, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    const result = PromptSchema.safeParse(value);
    if (result.success) {
      prompts.push(result.data);
      lines.push(i + 1);
    } else problems.push(...zodProblems(result.error, () => i + 1));
  });
  if (problems.length > 0) throw new DataError(file, problems);
  return { prompts, lines };
}

/** A set from prompts read out of one file (or folder): the header's fields, else the file's name. */
export function finishSet(located: LocatedPrompts, file: string, header: SetHeader): PromptSet {
  checkUniqueIds(located.prompts, located.lines, file);
  const stem = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  const result = PromptSetSchema.safeParse({
    id: header.id ?? stem,
    version: header.version ?? 1,
    title: header.title ?? header.id ?? stem,
    description: header.description ?? `imported from ${basename(file)}`,
    prompts: located.prompts,
  });
  if (!result.success)
    throw new DataError(
      file,
      zodProblems(result.error, () => undefined),
    );
  return result.data;
}

export function checkUniqueIds(prompts: readonly Prompt[], lines: readonly (number | undefined)[], file: string): void {
  const first = new Map<string, number | undefined>();
  const problems: DataProblem[] = [];
  prompts.forEach((p, i) => {
    if (first.has(p.id)) {
      const earlier = first.get(p.id);
      problems.push({
        line: lines[i],
        field: 'id',
        message: `duplicate prompt id "${p.id}"${earlier ? ` (first used on line ${earlier})` : ''}`,
      });
    } else first.set(p.id, lines[i]);
  });
  if (problems.length > 0) throw new DataError(file, problems);
}
