import { expect } from 'vitest';
import type { Migration } from '../../../core/store/shared/migration.js';
import type { Store } from '../../../core/types/store.js';
import { planned } from './store-fixtures.js';

type Open = (migrations?: readonly Migration[]) => Promise<Store & { appliedMigrations: readonly number[] }>;

/**
 * A database at schema 3 holding an item rated twice (as servers before issue 17 allowed) opens at
 * schema 4 with both rows kept, neither marked a correction, and then records served items.
 */
/** `exec` runs SQL on the database outside the store: today's store code writes columns schema 3 lacks. */
export async function checkMigrationToV4(open: Open, all: readonly Migration[], exec: (sql: string) => Promise<void>): Promise<void> {
  const old = await open(all.slice(0, 3));
  await old.openRun('run-1', {});
  await old.planGenerations('run-1', [planned('k1')]);
  await old.createStudy({ id: 's1', runId: 'run-1', name: 'Old', mode: 'likert', config: {}, status: 'open' });
  await old.addAssignments([{ id: 'a1', studyId: 's1', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' }]);
  await old.close();
  for (const [submission, value] of [
    ['first-send', 4],
    ['second-send', 1],
  ] as const) {
    await exec(
      `INSERT INTO ratings (study_id, assignment_id, rater_id, dimension, value, time_ms, submission_id, created_at)
       VALUES ('s1', 'a1', 'r1', 'realism', ${value}, 900, '${submission}', '2026-11-30T10:00:00.000Z')`,
    );
  }

  const now = await open(all.slice(0, 4));
  expect(now.appliedMigrations).toEqual([4]);
  expect((await now.listRatings({ studyId: 's1' })).map((r) => [r.submissionId, r.value, r.correction])).toEqual([
    ['first-send', 4, false],
    ['second-send', 1, false],
  ]);
  const at = '2026-12-01T09:00:00.000Z';
  expect(await now.markServed({ studyId: 's1', assignmentId: 'a1', raterId: 'r1' }, at)).toBe(at);
  await now.close();
}
