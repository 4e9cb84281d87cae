import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PromptSet } from '../core/types/index.js';
import { readPromptSetFile } from './prompt-set-file.js';
import { PUBLIC_DIR } from './suites/catalogue.js';
import { findSuite, suiteSet, suiteSets } from './suites/suite-sets.js';

/** The folder of the prompt sets that ship with Loupe. */
export const BUILTIN_SETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sets');

export function builtinSetFiles(): string[] {
  return readdirSync(BUILTIN_SETS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(BUILTIN_SETS_DIR, f));
}

/** Loupe's own sets, then the public suites (read from their shipped upstream files). */
export function loadBuiltinSets(): PromptSet[] {
  return [...builtinSetFiles().map((file) => readPromptSetFile(file)), ...suiteSets()];
}

export function findBuiltinSet(id: string): { set: PromptSet; file: string } | undefined {
  const file = builtinSetFiles().find((f) => f.endsWith(`/${id}.yaml`));
  if (file) return { set: readPromptSetFile(file), file };
  const suite = findSuite(id);
  return suite ? { set: suiteSet(suite), file: join(PUBLIC_DIR, id) } : undefined;
}
