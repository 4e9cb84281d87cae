import { expect } from 'vitest';
import type { Migration } from '../../../core/store/shared/migration.js';
import type { Store } from '../../../core/types/store.js';
import { generatedQuestions, promptSet } from './store-fixtures.js';

type Open = (migrations?: readonly Migration[]) => Promise<Store & { appliedMigrations: readonly number[] }>;

/** A database at schema 6 with a prompt set opens at schema 7 with the set kept, and stores questions for it. */
export async function checkMigrationToV7(open: Open, all: readonly Migration[]): Promise<void> {
  const old = await open(all.slice(0, 6));
  await old.putPromptSet(promptSet(), 'p.yaml');
  await old.close();

  const now = await open(all.slice(0, 7));
  expect(now.appliedMigrations).toEqual([7]);
  expect((await now.getPromptSet('counting-basic', 1))?.set).toEqual(promptSet());
  expect(await now.listPromptQuestions({ promptSetId: 'counting-basic' })).toEqual([]);
  expect(await now.putPromptQuestions(generatedQuestions())).toEqual({ created: true });
  await now.close();
}
