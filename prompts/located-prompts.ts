import type { Prompt } from '../core/types/index.js';

/** Prompts read from a file, with the line each one starts on (by index) for error messages. */
export interface LocatedPrompts {
  prompts: Prompt[];
  lines: (number | undefined)[];
}
