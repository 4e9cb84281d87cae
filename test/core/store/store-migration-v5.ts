import { expect } from 'vitest';
import type { Migration } from '../../../core/store/shared/migration.js';
import type { Store } from '../../../core/types/store.js';

type Open = (migrations?: readonly Migration[]) => Promise<Store & { appliedMigrations: readonly number[] }>;

/** A database at schema 4 with a study opens at schema 5 with the study kept and no coordinator link yet, then stores one. */
export async function checkMigrationToV5(open: Open, all: readonly Migration[]): Promise<void> {
  const old = await open(all.slice(0, 4));
  await old.openRun('run-1', {});
  const config = { raters: [{ id: 'r1', tokenHash: 'a'.repeat(64) }] };
  await old.createStudy({ id: 's1', runId: 'run-1', name: 'Old', mode: 'likert', config, status: 'open' });
  await old.close();

  const now = await open(all.slice(0, 5));
  expect(now.appliedMigrations).toEqual([5]);
  expect((await now.getStudy('s1'))?.config).toEqual(config);
  expect(await now.getCoordinatorTokenHash()).toBeNull();
  expect(await now.createCoordinatorTokenHash('c'.repeat(64))).toBe(true);
  expect(await now.getCoordinatorTokenHash()).toBe('c'.repeat(64));
  await now.close();
}
