import { describe, expect, it } from 'vitest';
import type { StoreContext } from './store-contract.js';
import { ISO_TIME, newRating, planned } from './store-fixtures.js';

/** Scores, studies, assignments and the append-only ratings. */
export function describeRatingContract(ctx: StoreContext): void {
  async function twoRuns(): Promise<void> {
    await ctx.store.openRun('run-1', {});
    await ctx.store.openRun('run-2', {});
    await ctx.store.planGenerations('run-1', [planned('k1'), planned('k2')]);
    await ctx.store.planGenerations('run-2', [planned('k2'), planned('k3')]);
  }

  describe('scores', () => {
    const clip = {
      metricId: 'clip-score',
      metricVersion: '1',
      details: { model: 'clip-vit-b32' },
      provenance: { weightsSha256: 'f'.repeat(64) },
      error: null,
    };

    it('stores scores with their details, provenance and null values', async () => {
      await twoRuns();
      await ctx.store.putScores([
        { ...clip, generationKey: 'k1', value: 0.3125 },
        { ...clip, generationKey: 'k2', value: null, error: 'English CLIP on a Chinese prompt', details: { applies: false } },
      ]);
      const scores = await ctx.store.listScores();
      expect(scores).toHaveLength(2);
      expect(scores.find((s) => s.generationKey === 'k1')).toMatchObject({ ...clip, generationKey: 'k1', value: 0.3125 });
      expect(scores.find((s) => s.generationKey === 'k2')).toMatchObject({
        value: null,
        error: 'English CLIP on a Chinese prompt',
        details: { applies: false },
      });
      expect(scores[0]?.createdAt).toMatch(ISO_TIME);
    });

    it('replaces a score of the same generation, metric and version, and keeps other versions', async () => {
      await twoRuns();
      await ctx.store.putScores([{ ...clip, generationKey: 'k1', value: 0.1 }]);
      await ctx.store.putScores([{ ...clip, generationKey: 'k1', value: 0.2, details: { second: true } }]);
      await ctx.store.putScores([{ ...clip, generationKey: 'k1', metricVersion: '2', value: 0.9 }]);
      const scores = await ctx.store.listScores({ metricId: 'clip-score' });
      expect(scores.map((s) => [s.metricVersion, s.value, s.details]).sort()).toEqual([
        ['1', 0.2, { second: true }],
        ['2', 0.9, { model: 'clip-vit-b32' }],
      ]);
    });

    it('filters by run and metric', async () => {
      await twoRuns();
      await ctx.store.putScores(
        ['k1', 'k2', 'k3'].flatMap((k) => [
          { ...clip, generationKey: k, value: 1 },
          { ...clip, generationKey: k, metricId: 'ocr-match', value: 0 },
        ]),
      );
      const keys = async (filter: { runId?: string; metricId?: string }) =>
        (await ctx.store.listScores(filter)).map((s) => `${s.generationKey}:${s.metricId}`).sort();
      expect(await keys({ runId: 'run-2' })).toEqual(['k2:clip-score', 'k2:ocr-match', 'k3:clip-score', 'k3:ocr-match']);
      expect(await keys({ metricId: 'ocr-match' })).toEqual(['k1:ocr-match', 'k2:ocr-match', 'k3:ocr-match']);
      expect(await keys({ runId: 'run-1', metricId: 'clip-score' })).toEqual(['k1:clip-score', 'k2:clip-score']);
    });

    it('refuses a score for a generation it does not know, and keeps none of that batch', async () => {
      await twoRuns();
      const batch = [
        { ...clip, generationKey: 'k1', value: 1 },
        { ...clip, generationKey: 'ghost', value: 1 },
      ];
      await expect(ctx.store.putScores(batch)).rejects.toThrow(/ghost/);
      expect(await ctx.store.listScores()).toEqual([]);
    });
  });

  describe('studies and ratings', () => {
    async function study(): Promise<void> {
      await twoRuns();
      await ctx.store.createStudy({ id: 's1', runId: 'run-1', name: 'Pilot', mode: 'likert', config: { raters: 5 }, status: 'open' });
      await ctx.store.addAssignments([
        { id: 'a2', studyId: 's1', raterId: 'r1', item: 'k2', position: 1, kind: 'gold' },
        { id: 'a1', studyId: 's1', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' },
        { id: 'a3', studyId: 's1', raterId: 'r2', item: 'k1', position: 0, kind: 'repeat' },
      ]);
    }

    it('creates, lists and closes studies', async () => {
      await twoRuns();
      const created = await ctx.store.createStudy({
        id: 's1',
        runId: 'run-1',
        name: 'Arena',
        mode: 'pairwise',
        config: { pairs: 10 },
        status: 'open',
      });
      expect(created).toMatchObject({ id: 's1', runId: 'run-1', name: 'Arena', mode: 'pairwise', config: { pairs: 10 }, status: 'open' });
      expect(created.createdAt).toMatch(ISO_TIME);
      expect(created.configVersion).toBe(0);
      expect(await ctx.store.getStudy('s1')).toEqual(created);
      await ctx.store.setStudyStatus('s1', 'closed');
      expect((await ctx.store.getStudy('s1'))?.status).toBe('closed');
      // A status change is no config change.
      expect(await ctx.store.getStudyStatus('s1')).toEqual({ status: 'closed', configVersion: 0 });
      expect(await ctx.store.getStudyStatus('nope')).toBeUndefined();
      await ctx.store.createStudy({ id: 's0', runId: 'run-2', name: 'Second', mode: 'likert', config: null, status: 'open' });
      expect((await ctx.store.listStudies()).map((s) => s.id)).toEqual(['s1', 's0']);
      expect(await ctx.store.getStudy('nope')).toBeUndefined();
      await expect(ctx.store.createStudy({ ...created, name: 'again' })).rejects.toThrow(/s1/);
      await expect(ctx.store.setStudyStatus('nope', 'closed')).rejects.toThrow(/nope/);
    });

    it("lists a rater's assignments in position order", async () => {
      await study();
      const mine = await ctx.store.listAssignments({ studyId: 's1', raterId: 'r1' });
      expect(mine.map((a) => [a.id, a.item, a.position, a.kind])).toEqual([
        ['a1', 'k1', 0, 'normal'],
        ['a2', 'k2', 1, 'gold'],
      ]);
      expect(mine[0]?.createdAt).toMatch(ISO_TIME);
      expect((await ctx.store.listAssignments({ studyId: 's1' })).map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3']);
      expect(await ctx.store.listAssignments({ studyId: 'other' })).toEqual([]);
    });

    it('appends ratings: a second rating of the same item and dimension is kept after the first', async () => {
      await study();
      const first = await ctx.store.addRating(newRating());
      const second = await ctx.store.addRating(newRating({ value: 2, timeMs: 900, watchedToEnd: false }));
      await ctx.store.addRating(
        newRating({ assignmentId: 'a3', raterId: 'r2', value: null, cannotRate: 'video did not load', watchedToEnd: null }),
      );
      expect(second.id).toBeGreaterThan(first.id);
      expect(first).toMatchObject(newRating());
      expect(first.createdAt).toMatch(ISO_TIME);

      const mine = await ctx.store.listRatings({ studyId: 's1', raterId: 'r1' });
      expect(mine.map((r) => [r.id, r.value, r.timeMs, r.watchedToEnd])).toEqual([
        [first.id, 4, 5300, true],
        [second.id, 2, 900, false],
      ]);
      const all = await ctx.store.listRatings({ studyId: 's1' });
      expect(all).toHaveLength(3);
      expect(all[2]).toMatchObject({ raterId: 'r2', value: null, cannotRate: 'video did not load', watchedToEnd: null });
    });

    it("reads a study's status and config version with one rater's ratings, as getStudyStatus and listRatings do", async () => {
      await study();
      await ctx.store.addRating(newRating());
      await ctx.store.addRating(newRating({ assignmentId: 'a3', raterId: 'r2', value: 1 }));
      await ctx.store.addRating(newRating({ dimension: 'aesthetic-quality', value: 2 }));
      await ctx.store.setStudyStatus('s1', 'closed');
      for (const rater of ['r1', 'r2', 'nobody']) {
        expect(await ctx.store.getRaterState('s1', rater)).toEqual({
          ...(await ctx.store.getStudyStatus('s1')),
          ratings: await ctx.store.listRatings({ studyId: 's1', raterId: rater }),
        });
      }
      expect((await ctx.store.getRaterState('s1', 'r1'))?.ratings.map((r) => [r.dimension, r.value])).toEqual([
        ['realism', 4],
        ['aesthetic-quality', 2],
      ]);
      expect(await ctx.store.getRaterState('s1', 'nobody')).toEqual({ status: 'closed', configVersion: 0, ratings: [] });
      expect(await ctx.store.getRaterState('nope', 'r1')).toBeUndefined();
    });

    it('appends a batch of ratings in one transaction: a bad row keeps none of the batch', async () => {
      await study();
      const stored = await ctx.store.addRatings([newRating(), newRating({ dimension: 'aesthetic-quality', value: 2 })]);
      expect(stored.map((r) => [r.dimension, r.value])).toEqual([
        ['realism', 4],
        ['aesthetic-quality', 2],
      ]);
      expect(stored[1]!.id).toBeGreaterThan(stored[0]!.id);
      await expect(ctx.store.addRatings([newRating({ value: 5 }), newRating({ assignmentId: 'a-missing' })])).rejects.toThrow(/a-missing/);
      expect((await ctx.store.listRatings({ studyId: 's1' })).map((r) => r.value)).toEqual([4, 2]);
    });

    it('stores a submission id once: a resent row returns the stored one, and a batch mixing old and new rows stores only the new', async () => {
      await study();
      const sent = newRating({
        submissionId: 'sub-1',
        clientShownAt: '2026-11-24T20:00:00.000Z',
        clientAnsweredAt: '2026-11-24T20:00:05.300Z',
      });
      const [first] = await ctx.store.addRatings([sent]);
      expect(first).toMatchObject(sent);
      const [again, other] = await ctx.store.addRatings([
        { ...sent, value: 1 },
        newRating({ submissionId: 'sub-1', dimension: 'aesthetic-quality' }),
      ]);
      expect(again).toEqual(first);
      expect(other!.id).toBeGreaterThan(first!.id);
      // The same id from another rater is another submission; no id at all is never a repeat.
      await ctx.store.addRating(newRating({ submissionId: 'sub-1', assignmentId: 'a3', raterId: 'r2' }));
      await ctx.store.addRatings([newRating(), newRating()]);
      const stored = await ctx.store.listRatings({ studyId: 's1' });
      expect(stored.map((r) => [r.raterId, r.dimension, r.value, r.submissionId])).toEqual([
        ['r1', 'realism', 4, 'sub-1'],
        ['r1', 'aesthetic-quality', 4, 'sub-1'],
        ['r2', 'realism', 4, 'sub-1'],
        ['r1', 'realism', 4, null],
        ['r1', 'realism', 4, null],
      ]);
      expect(stored[3]).toMatchObject({ clientShownAt: null, clientAnsweredAt: null });
    });

    it('stores a resubmission once when many are sent at the same time', async () => {
      await study();
      const sent = [newRating({ submissionId: 'race' }), newRating({ submissionId: 'race', dimension: 'realism-2' })];
      const results = await Promise.all(Array.from({ length: 8 }, () => ctx.store.addRatings(sent)));
      expect(new Set(results.map((r) => r.map((x) => x.id).join()))).toHaveProperty('size', 1);
      expect(await ctx.store.listRatings({ studyId: 's1' })).toHaveLength(2);
    });

    it('extends a study only while its config is unchanged: of two extensions from the same config, one is stored', async () => {
      await study();
      const from = (await ctx.store.getStudy('s1'))!.config;
      const to = (n: number) => ({ raters: 5, revision: n });
      const add = (id: string) => [{ id, studyId: 's1', raterId: 'r3', item: 'k2', position: 0, kind: 'normal' as const }];
      const results = await Promise.all([
        ctx.store.extendStudy('s1', { from, to: to(1), assignments: add('x1') }),
        ctx.store.extendStudy('s1', { from, to: to(2), assignments: add('x2') }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const won = results[0] ? 'x1' : 'x2';
      expect((await ctx.store.getStudy('s1'))!.config).toEqual(to(results[0] ? 1 : 2));
      expect((await ctx.store.getStudy('s1'))!.configVersion).toBe(1);
      expect((await ctx.store.listAssignments({ studyId: 's1', raterId: 'r3' })).map((a) => a.id)).toEqual([won]);
      // A clash with an existing assignment keeps neither the config nor any assignment.
      const now = (await ctx.store.getStudy('s1'))!.config;
      await expect(ctx.store.extendStudy('s1', { from: now, to: to(9), assignments: [...add('x3'), ...add('a1')] })).rejects.toThrow(/a1/);
      expect((await ctx.store.getStudy('s1'))!.config).toEqual(now);
      expect(await ctx.store.getStudyStatus('s1')).toEqual({ status: 'open', configVersion: 1 });
      expect((await ctx.store.listAssignments({ studyId: 's1' })).map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3', won]);
      await expect(ctx.store.extendStudy('ghost', { from: null, to: null, assignments: [] })).rejects.toThrow(/ghost/);
    });

    it('refuses assignments for an unknown study and ratings for an assignment outside the study', async () => {
      await study();
      await expect(
        ctx.store.addAssignments([{ id: 'a9', studyId: 'ghost', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' }]),
      ).rejects.toThrow(/ghost/);
      await expect(ctx.store.addRating(newRating({ assignmentId: 'a-missing' }))).rejects.toThrow(/a-missing/);
      await ctx.store.createStudy({ id: 's2', runId: 'run-1', name: 'Other', mode: 'likert', config: {}, status: 'open' });
      await expect(ctx.store.addRating(newRating({ studyId: 's2' }))).rejects.toThrow(/a1/);
      expect(await ctx.store.listRatings({ studyId: 's1' })).toEqual([]);
    });
  });
}
