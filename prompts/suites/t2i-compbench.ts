import { join } from 'node:path';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { listFolder } from '../prompt-files.js';
import { locate, textLines, type RawPrompt } from './raw-prompts.js';

/** T2I-CompBench's eight categories, as its file names spell them. */
export const COMPBENCH_CATEGORIES = ['color', 'shape', 'texture', 'spatial', '3d_spatial', 'non_spatial', 'numeracy', 'complex'] as const;

/**
 * A folder of T2I-CompBench prompt files, one prompt a line: `<category>_val.txt` (the 300-prompt
 * evaluation split) by default, or `<category>.txt` / `_train.txt` with `split`. Ids keep the
 * category and the line, so the same prompt file always gives the same ids.
 */
export function readCompbench(folder: string, split: 'val' | 'train' | 'all' = 'val'): LocatedPrompts {
  const suffix = split === 'all' ? '' : `_${split}`;
  const present = new Set(listFolder(folder));
  const files = COMPBENCH_CATEGORIES.map((category) => ({ category, name: `${category}${suffix}.txt` })).filter((f) => present.has(f.name));
  if (files.length === 0) {
    throw DataError.one(folder, {
      message: `no T2I-CompBench file found: expected ${COMPBENCH_CATEGORIES.map((c) => `${c}${suffix}.txt`).join(', ')}`,
    });
  }
  const located = files.map(({ category, name }) => {
    const raw: RawPrompt[] = textLines(join(folder, name)).map(({ text, line }) => ({
      line,
      value: { id: `${category}-${split}-${line}`, category, tags: [`split:${split}`], text: { en: text } },
    }));
    return locate(raw, join(folder, name));
  });
  return { prompts: located.flatMap((l) => l.prompts), lines: located.flatMap((l) => l.lines) };
}
