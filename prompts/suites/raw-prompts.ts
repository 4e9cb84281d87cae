import { DataError, type DataProblem, PromptSchema, type Prompt } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { checkUniqueIds } from '../prompt-set-file.js';
import { readText } from '../prompt-files.js';
import { zodProblems } from '../yaml-lines.js';

/** A prompt built from an upstream file, before validation, with the line it came from. */
export interface RawPrompt {
  value: Record<string, unknown>;
  line: number | undefined;
}

/** Validates prompts converted from an upstream format; every problem names the file and line. */
export function locate(raw: readonly RawPrompt[], file: string): LocatedPrompts {
  const prompts: Prompt[] = [];
  const lines: (number | undefined)[] = [];
  const problems: DataProblem[] = [];
  for (const r of raw) {
    const result = PromptSchema.safeParse(r.value);
    if (result.success) {
      prompts.push(result.data);
      lines.push(r.line);
    } else problems.push(...zodProblems(result.error, () => r.line));
  }
  if (problems.length > 0) throw new DataError(file, problems);
  if (prompts.length === 0) throw DataError.one(file, { message: 'no prompts in the file' });
  checkUniqueIds(prompts, lines, file);
  return { prompts, lines };
}

/** The non-empty lines of a one-prompt-per-line file, with their 1-based line numbers. */
export function textLines(file: string): { text: string; line: number }[] {
  return readText(file)
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
}

/** A JSON file's value; a syntax error names the file. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(readText(file));
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw DataError.one(file, { message: `not valid JSON: ${(e as Error).message}` });
  }
}
