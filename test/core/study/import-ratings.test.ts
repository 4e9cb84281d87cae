import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../../core/cli/csv-table.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { importRatings, readRatingsFile } from '../../../core/study/import-ratings.js';
import { importVotes, readVotesFile } from '../../../core/study/import-votes.js';
import { parseStudyConfig } from '../../../core/study/study-config.js';
import { isPlaceholderRun } from '../../../core/study/placeholder-run.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { DONE, planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

describe('importing ratings and votes into a study', () => {
  it("keeps a run's generations as items, names the generator of others, and counts a second score as a repeat", async () => {
    const t = tempDir();
    const store = await openSqliteStore(join(t.dir, 'loupe.db'));
    try {
      await store.openRun('r1', {});
      await store.planGenerations('r1', [planned('g1')]);
      await store.finishGeneration('g1', DONE);
      const file = t.write(
        'lab.csv',
        'item,rater,dimension,score,system,prompt\ng1,ann,realism,4,,\nx1,ann,realism,2,other,p9\nx1,ann,realism,3,other,p9\nx1,bob,realism,,other,p9\n',
      );
      const done = await importRatings(store, readRatingsFile(readCsvTable(file)), { runId: 'r1' });
      expect(done).toEqual({ studyId: 'import-lab', ratings: 4, raters: 2, placeholder: false, reliabilityOnly: false });
      const study = (await store.getStudy('import-lab'))!;
      expect(study).toMatchObject({ mode: 'likert', status: 'closed' });
      expect(parseStudyConfig(study)).toEqual({ source: 'import', file: 'lab.csv', items: { x1: { generator: 'other', prompt: 'p9' } } });
      const assignments = await store.listAssignments({ studyId: 'import-lab' });
      expect(assignments.map((a) => [a.raterId, a.item, a.kind])).toEqual([
        ['ann', 'g1', 'normal'],
        ['ann', 'x1', 'normal'],
        ['ann', 'x1', 'repeat'],
        ['bob', 'x1', 'normal'],
      ]);
      const ratings = await store.listRatings({ studyId: 'import-lab' });
      expect(ratings.map((r) => [r.value, r.cannotRate])).toEqual([
        [4, null],
        [2, null],
        [3, null],
        [null, 'empty score in import'],
      ]);

      // Without a generator column, an unknown item beside the run's own is a typo, not a reliability study.
      const typo = readRatingsFile(readCsvTable(t.write('typo.csv', 'item,rater,score\ng1,ann,4\ng2,ann,3\n')));
      await expect(importRatings(store, typo, { runId: 'r1' })).rejects.toThrow(
        /typo\.csv:3: generator: item "g2" is not a generation of run "r1"/,
      );
      const elsewhere = readRatingsFile(readCsvTable(t.write('elsewhere.csv', 'unit,rater,value\nu1,ann,4\nu1,bob,3\n')));
      expect(await importRatings(store, elsewhere, { runId: 'r1' })).toMatchObject({ ratings: 2, reliabilityOnly: true });
      expect(parseStudyConfig((await store.getStudy('import-elsewhere'))!)).toMatchObject({ items: { u1: {} } });
    } finally {
      await store.close();
    }
  });

  it('writes nothing, not even the placeholder run, when a row is bad; a good file then gets a placeholder run', async () => {
    const t = tempDir();
    const store = await openSqliteStore(join(t.dir, 'loupe.db'));
    try {
      const bad = readRatingsFile(readCsvTable(t.write('bad.csv', 'item,rater,dimension,score,generator\nx1,ann,realism,9,a\n')));
      await expect(importRatings(store, bad, { runId: 'ext' })).rejects.toThrow(/bad\.csv:2: score: "9" is not a score from 1 to 5/);
      expect(await store.getRun('ext')).toBeUndefined();
      expect(await store.listStudies()).toEqual([]);

      const votes = readVotesFile(readCsvTable(t.write('votes.csv', 'model_a,model_b,winner\na,b,model_b\nb,c,tie\n')));
      const done = await importVotes(store, votes, { runId: 'ext', studyId: 'arena' });
      expect(done).toEqual({ studyId: 'arena', votes: 2, systems: 3, placeholder: true });
      expect(isPlaceholderRun(await store.getRun('ext'))).toBe(true);
      expect((await store.getStudy('arena'))!.config).toEqual({ source: 'import', file: 'votes.csv' });
      expect((await store.listRatings({ studyId: 'arena' })).map((r) => [r.dimension, r.value])).toEqual([
        ['preference', 2],
        ['preference', 0],
      ]);
      await expect(importVotes(store, votes, { runId: 'ext', studyId: 'arena' })).rejects.toThrow(/study "arena" already exists/);
    } finally {
      await store.close();
    }
  });
});
