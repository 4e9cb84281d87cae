import { expect } from 'vitest';
import type { Migration } from '../../../core/store/shared/migration.js';
import type { Store } from '../../../core/types/store.js';

type Open = (migrations?: readonly Migration[]) => Promise<Store & { appliedMigrations: readonly number[] }>;

/** A database at schema 5 with a study opens at schema 6 with its config kept at config version 0, which an extension moves. */
export async function checkMigrationToV6(open: Open, all: readonly Migration[]): Promise<void> {
  const old = await open(all.slice(0, 5));
  await old.openRun('run-1', {});
  await old.createStudy({ id: 's1', runId: 'run-1', name: 'Old', mode: 'likert', config: { revision: 1 }, status: 'open' });
  await old.close();

  const now = await open(all.slice(0, 6));
  expect(now.appliedMigrations).toEqual([6]);
  expect(await now.getStudy('s1')).toMatchObject({ config: { revision: 1 }, status: 'open', configVersion: 0 });
  expect(await now.extendStudy('s1', { from: { revision: 1 }, to: { revision: 2 }, assignments: [] })).toBe(true);
  expect(await now.getStudyStatus('s1')).toEqual({ status: 'open', configVersion: 1 });
  await now.close();
}
