import { z } from 'zod';
import { DataError } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { zodProblems } from '../yaml-lines.js';
import { locate, readJson, type RawPrompt } from './raw-prompts.js';

const ItemSchema = z.object({ id: z.string().min(1), prompt: z.string() });

/**
 * ImageReward's `data/test.json` (466 DiffusionDB prompts with expert rankings of their images)
 * or `benchmark/benchmark-prompts.json` (its 100 benchmark prompts): `[{id, prompt, ...}]`. The
 * rankings stay in the shipped file for later use; the prompts are DiffusionDB users' own words,
 * kept verbatim (trailing commas and all).
 */
export function readImagereward(file: string, category: string): LocatedPrompts {
  const parsed = z.array(ItemSchema).safeParse(readJson(file));
  if (!parsed.success)
    throw new DataError(
      file,
      zodProblems(parsed.error, () => undefined),
    );
  const raw: RawPrompt[] = parsed.data.map((p) => ({
    line: undefined,
    value: { id: p.id, category, text: { en: p.prompt } },
  }));
  return locate(raw, file);
}
