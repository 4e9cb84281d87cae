import { z } from 'zod';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { zodProblems } from '../yaml-lines.js';
import { readText } from '../prompt-files.js';
import { locate, readJson, type RawPrompt } from './raw-prompts.js';

const InputsSchema = z.array(z.object({ id: z.string().min(1), caption: z.string().min(1), coco_val_id: z.string().optional() }));

/** Where a TIFA v1.0 prompt comes from, by its id's prefix (coco_, partiprompt_, paintskill_, drawbench_). */
const sourceOf = (id: string) => id.replace(/_[^_]*$/, '');

/**
 * TIFA v1.0's `tifa_v1.0_text_inputs.json` (`[{id, caption, coco_val_id?}]`), the ids kept, the
 * source (COCO, PartiPrompts, PaintSkills, DrawBench) as the category. `only` keeps one source:
 * TIFA's 161 DrawBench prompts are the DrawBench set.
 */
export function readTifa(file: string, only?: string): LocatedPrompts {
  const text = readText(file);
  const parsed = InputsSchema.safeParse(readJson(file));
  if (!parsed.success)
    throw new DataError(
      file,
      zodProblems(parsed.error, () => undefined),
    );
  const lineOf = lineFinder(text);
  const raw: RawPrompt[] = parsed.data
    .filter((p) => only === undefined || sourceOf(p.id) === only)
    .map((p) => ({ line: lineOf(p.id), value: { id: p.id, category: sourceOf(p.id), text: { en: p.caption } } }));
  return locate(raw, file);
}

/** The line of each `"id": "<id>"` in a JSON file, for error messages. */
function lineFinder(text: string): (id: string) => number | undefined {
  const lines = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /"id"\s*:\s*"([^"]+)"/.exec(l);
    if (m && !lines.has(m[1]!)) lines.set(m[1]!, i + 1);
  });
  return (id) => lines.get(id);
}
