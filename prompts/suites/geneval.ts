import { z } from 'zod';
import { DataError, POSITIONS, type DataProblem } from '../../core/types/index.js';
import type { LocatedPrompts } from '../located-prompts.js';
import { zodProblems } from '../yaml-lines.js';
import { readText } from '../prompt-files.js';
import { locate, type RawPrompt } from './raw-prompts.js';

/** GenEval's six tasks, as its `tag` names them. */
export const GENEVAL_TASKS = ['single_object', 'two_object', 'counting', 'colors', 'position', 'color_attr'] as const;

const ObjectSchema = z.strictObject({
  class: z.string().min(1),
  count: z.int().min(1),
  color: z.string().min(1).optional(),
  position: z.tuple([z.enum(POSITIONS), z.int().min(0)]).optional(),
});
const LineSchema = z.strictObject({
  tag: z.enum(GENEVAL_TASKS),
  include: z.array(ObjectSchema).min(1),
  exclude: z.array(ObjectSchema.pick({ class: true, count: true })).optional(),
  prompt: z.string().min(1),
});

/**
 * GenEval's `evaluation_metadata.jsonl`: one prompt per line with the objects it must show
 * (`include`: class, count, colour, position relative to an earlier entry) and must not
 * (`exclude`: fewer than `count`). Both become the prompt's `expect`, the task its category.
 */
export function readGeneval(file: string): LocatedPrompts {
  const raw: RawPrompt[] = [];
  const problems: DataProblem[] = [];
  readText(file)
    .split(/\r?\n/)
    .forEach((text, i) => {
      if (text.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        problems.push({ line: i + 1, message: `not valid JSON: ${(e as Error).message}` });
        return;
      }
      const parsed = LineSchema.safeParse(json);
      if (!parsed.success) return problems.push(...zodProblems(parsed.error, () => i + 1));
      const m = parsed.data;
      const counting =
        m.tag === 'counting' && m.include.length === 1 ? { count: { object: m.include[0]!.class, n: m.include[0]!.count } } : {};
      raw.push({
        line: i + 1,
        value: {
          id: `geneval-${String(raw.length).padStart(3, '0')}`,
          category: m.tag,
          tags: [`geneval:${m.tag}`],
          text: { en: m.prompt },
          expect: {
            ...counting,
            layout: m.include.map((o) => ({
              object: o.class,
              count: o.count,
              ...(o.color ? { color: o.color } : {}),
              ...(o.position ? { position: { relation: o.position[0], of: o.position[1] } } : {}),
            })),
            ...(m.exclude ? { fewerThan: m.exclude.map((o) => ({ object: o.class, n: o.count })) } : {}),
          },
        },
      });
    });
  if (problems.length > 0) throw new DataError(file, problems);
  return locate(raw, file);
}
