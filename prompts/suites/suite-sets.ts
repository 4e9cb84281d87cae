import { DataError, PromptSetSchema, type PromptSet } from '../../core/types/index.js';
import { zodProblems } from '../yaml-lines.js';
import { SUITES, type Suite } from './catalogue.js';

/** A built-in suite as a prompt set, read from its shipped files. */
export function suiteSet(suite: Suite): PromptSet {
  const result = PromptSetSchema.safeParse({ ...suite.header, prompts: suite.read().prompts });
  if (!result.success)
    throw new DataError(
      `suite ${suite.header.id}`,
      zodProblems(result.error, () => undefined),
    );
  return result.data;
}

export const findSuite = (id: string): Suite | undefined => SUITES.find((s) => s.header.id === id);

export const suiteSets = (): PromptSet[] => SUITES.map(suiteSet);
