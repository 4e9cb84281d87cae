import { describe, expect, it } from 'vitest';
import type { StoreContext } from './store-contract.js';
import { DONE, FAILED, ISO_TIME, planned } from './store-fixtures.js';

/** Planning, claiming and finishing generations: the part that keeps a run from paying twice. */
export function describeGenerationContract(ctx: StoreContext): void {
  async function runWith(runId: string, keys: string[]): Promise<void> {
    await ctx.store.openRun(runId, {});
    await ctx.store.planGenerations(
      runId,
      keys.map((k) => planned(k)),
    );
  }

  describe('planning', () => {
    it('adds new keys, links existing ones, and keeps every planned field', async () => {
      await ctx.store.openRun('run-1', {});
      await ctx.store.openRun('run-2', {});
      const g1 = planned('k1', { language: 'en', text: 'three red apples', modality: 'video', sample: 2 });
      expect(await ctx.store.planGenerations('run-1', [g1, planned('k2'), planned('k3')])).toEqual({ added: 3, existing: 0 });
      expect(await ctx.store.planGenerations('run-1', [g1, planned('k2')])).toEqual({ added: 0, existing: 2 });
      expect(await ctx.store.planGenerations('run-2', [planned('k3'), planned('k4')])).toEqual({ added: 1, existing: 1 });

      const record = await ctx.store.getGeneration('k1');
      expect(record).toMatchObject({ ...g1, status: 'pending', attempts: 0, mediaHash: null, errorCategory: null, claimedBy: null });
      expect(record?.createdAt).toMatch(ISO_TIME);
      expect((await ctx.store.listGenerations({ runId: 'run-1' })).map((g) => g.key)).toEqual(['k1', 'k2', 'k3']);
      expect((await ctx.store.listGenerations({ runId: 'run-2' })).map((g) => g.key)).toEqual(['k3', 'k4']);
      expect(await ctx.store.listGenerations()).toHaveLength(4);
      expect(await ctx.store.getGeneration('missing')).toBeUndefined();
    });

    it('does not replace an existing generation when it is planned again', async () => {
      await runWith('run-1', ['k1']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', DONE);
      await ctx.store.openRun('run-2', {});
      await ctx.store.planGenerations('run-2', [planned('k1')]);
      expect((await ctx.store.getGeneration('k1'))?.status).toBe('done');
    });

    it('refuses to plan for a run that was never opened', async () => {
      await expect(ctx.store.planGenerations('ghost', [planned('k1')])).rejects.toThrow(/ghost/);
    });
  });

  describe('claims', () => {
    it('gives a generation to one owner at a time', async () => {
      await runWith('run-1', ['k1']);
      expect(await ctx.store.claimGeneration('k1', 'w1')).toBe(true);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'running', attempts: 1, claimedBy: 'w1' });
      expect(await ctx.store.claimGeneration('k1', 'w2')).toBe(false);
      expect(await ctx.store.claimGeneration('k1', 'w1')).toBe(true);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'running', claimedBy: 'w1' });
      expect(await ctx.store.claimGeneration('missing', 'w1')).toBe(false);
    });

    it('releases one claim only for its owner, leaving its other claims alone', async () => {
      await runWith('run-1', ['k1', 'k2']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.claimGeneration('k2', 'w1');
      expect(await ctx.store.releaseClaim('k1', 'w2')).toBe(false);
      expect(await ctx.store.releaseClaim('k1', 'w1')).toBe(true);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'pending', claimedBy: null });
      expect(await ctx.store.getGeneration('k2')).toMatchObject({ status: 'running', claimedBy: 'w1' });
      expect(await ctx.store.releaseClaim('k1', 'w1')).toBe(false);
    });

    it('never gives out a done generation, even to its own owner', async () => {
      await runWith('run-1', ['k1']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', DONE);
      expect(await ctx.store.claimGeneration('k1', 'w1')).toBe(false);
      expect(await ctx.store.claimGeneration('k1', 'w2')).toBe(false);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'done', attempts: 1, claimedBy: null });
    });

    it('lets a later owner retry a failed generation and counts the attempts', async () => {
      await runWith('run-1', ['k1']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', FAILED);
      expect(await ctx.store.claimGeneration('k1', 'w2')).toBe(true);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'running', attempts: 2, claimedBy: 'w2' });
    });

    it('keeps the ids a failure names (the imported file, a job id), and none when it names none', async () => {
      await runWith('run-1', ['k1', 'k2']);
      const providerIds = { file: '/data/clips/c1_en.mp4', source: 'c1_en.mp4' };
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', { ...FAILED, providerIds });
      await ctx.store.claimGeneration('k2', 'w1');
      await ctx.store.finishGeneration('k2', FAILED);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'failed', providerIds, mediaHash: null });
      expect((await ctx.store.getGeneration('k2'))?.providerIds).toBeNull();
    });

    it('releases the claims of one owner, or of everyone', async () => {
      await runWith('run-1', ['k1', 'k2', 'k3', 'k4']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.claimGeneration('k2', 'w1');
      await ctx.store.claimGeneration('k3', 'w2');
      await ctx.store.claimGeneration('k4', 'w2');
      await ctx.store.finishGeneration('k4', DONE);
      expect(await ctx.store.releaseClaims('w1')).toBe(2);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'pending', claimedBy: null, attempts: 1 });
      expect((await ctx.store.getGeneration('k3'))?.status).toBe('running');
      expect(await ctx.store.claimGeneration('k1', 'w3')).toBe(true);
      expect(await ctx.store.releaseClaims()).toBe(2);
      expect((await ctx.store.listGenerations({ status: 'pending' })).map((g) => g.key)).toEqual(['k1', 'k2', 'k3']);
      expect((await ctx.store.getGeneration('k4'))?.status).toBe('done');
      expect(await ctx.store.releaseClaims()).toBe(0);
    });

    it('has exactly one winner when many claim the same generation at once', async () => {
      await runWith('run-1', ['k1', 'k2', 'k3']);
      const owners = Array.from({ length: 24 }, (_, i) => `w${i}`);
      for (const key of ['k1', 'k2', 'k3']) {
        const won = await Promise.all(owners.map((owner) => ctx.store.claimGeneration(key, owner)));
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = owners[won.indexOf(true)];
        expect(await ctx.store.getGeneration(key)).toMatchObject({ status: 'running', attempts: 1, claimedBy: winner });
      }
    });
  });

  describe('outcomes', () => {
    it('records a done generation with every field', async () => {
      await runWith('run-1', ['k1', 'k2']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', DONE);
      const { status, ...media } = DONE;
      expect(await ctx.store.getGeneration('k1')).toMatchObject({
        ...media,
        status,
        errorCategory: null,
        errorMessage: null,
        claimedBy: null,
      });

      await ctx.store.finishGeneration('k2', {
        status: 'done',
        mediaHash: 'b'.repeat(64),
        mime: 'image/png',
        width: 512,
        height: 512,
        latencyMs: 900,
      });
      expect(await ctx.store.getGeneration('k2')).toMatchObject({
        durationSec: null,
        fps: null,
        costUsd: null,
        providerIds: null,
        mime: 'image/png',
      });
    });

    it('records a failure with its category, message and latency', async () => {
      await runWith('run-1', ['k1', 'k2']);
      await ctx.store.claimGeneration('k1', 'w1');
      await ctx.store.finishGeneration('k1', FAILED);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({
        status: 'failed',
        errorCategory: 'rate-limit',
        errorMessage: 'HTTP 429: slow down',
        latencyMs: 120,
        mediaHash: null,
        claimedBy: null,
      });
      await ctx.store.finishGeneration('k2', { status: 'failed', errorCategory: 'refused', errorMessage: 'content policy' });
      expect(await ctx.store.getGeneration('k2')).toMatchObject({ status: 'failed', errorCategory: 'refused', latencyMs: null });
    });

    it('clears the error when a retried generation succeeds', async () => {
      await runWith('run-1', ['k1']);
      await ctx.store.finishGeneration('k1', FAILED);
      await ctx.store.claimGeneration('k1', 'w2');
      await ctx.store.finishGeneration('k1', DONE);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({
        status: 'done',
        errorCategory: null,
        errorMessage: null,
        mediaHash: DONE.mediaHash,
      });
    });

    it('never lets a later failure or other media overwrite a done generation', async () => {
      await runWith('run-1', ['k1']);
      await ctx.store.finishGeneration('k1', DONE);
      await ctx.store.finishGeneration('k1', FAILED);
      await ctx.store.finishGeneration('k1', DONE);
      await expect(ctx.store.finishGeneration('k1', { ...DONE, mediaHash: 'c'.repeat(64) })).rejects.toThrow(/k1/);
      expect(await ctx.store.getGeneration('k1')).toMatchObject({ status: 'done', mediaHash: DONE.mediaHash, errorCategory: null });
    });

    it('refuses to finish a generation that was never planned', async () => {
      await expect(ctx.store.finishGeneration('ghost', DONE)).rejects.toThrow(/ghost/);
    });
  });

  it('filters generations by run, status and generator', async () => {
    await ctx.store.openRun('run-1', {});
    await ctx.store.openRun('run-2', {});
    await ctx.store.planGenerations('run-1', [planned('a1'), planned('b1', { generatorId: 'gen-b' }), planned('a2')]);
    await ctx.store.planGenerations('run-2', [planned('a2'), planned('b2', { generatorId: 'gen-b' })]);
    await ctx.store.finishGeneration('a2', DONE);
    await ctx.store.finishGeneration('b2', FAILED);
    const keys = async (filter: Parameters<typeof ctx.store.listGenerations>[0]) =>
      (await ctx.store.listGenerations(filter)).map((g) => g.key).sort();
    expect(await keys({})).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(await keys({ runId: 'run-2' })).toEqual(['a2', 'b2']);
    expect(await keys({ status: 'pending' })).toEqual(['a1', 'b1']);
    expect(await keys({ generatorId: 'gen-b' })).toEqual(['b1', 'b2']);
    expect(await keys({ runId: 'run-1', status: 'done' })).toEqual(['a2']);
    expect(await keys({ runId: 'run-2', generatorId: 'gen-b', status: 'failed' })).toEqual(['b2']);
    expect(await keys({ runId: 'run-1', generatorId: 'gen-c' })).toEqual([]);
    expect(await keys({ runId: 'nope' })).toEqual([]);
  });

  it('answers the state of many keys in one call, as one lookup per key does', async () => {
    const keys = Array.from({ length: 3_000 }, (_, i) => `k${i}`);
    await runWith('run-1', keys);
    await ctx.store.claimGeneration('k1', 'w1');
    await ctx.store.finishGeneration('k2', DONE);
    await ctx.store.finishGeneration('k3', FAILED);
    await ctx.store.finishGeneration('k2999', { ...FAILED, errorCategory: 'refused' });
    const asked = [...keys, 'missing', 'k2', 'k1'];
    const states = await ctx.store.generationStates(asked);
    const oneByOne = new Map<string, { status: string; errorCategory: string | null; costUsd: number | null }>();
    for (const key of asked) {
      const g = await ctx.store.getGeneration(key);
      if (g) oneByOne.set(key, { status: g.status, errorCategory: g.errorCategory, costUsd: g.costUsd });
    }
    expect(new Map([...states].sort())).toEqual(new Map([...oneByOne].sort()));
    expect(states.size).toBe(3_000);
    expect(states.get('k3')).toEqual({ status: 'failed', errorCategory: 'rate-limit', costUsd: null });
    expect(states.get('k2')).toEqual({ status: 'done', errorCategory: null, costUsd: DONE.costUsd });
    expect(states.has('missing')).toBe(false);
    expect(await ctx.store.generationStates([])).toEqual(new Map());
  });

  it("counts a run's generations by generator and status as tallying the listed rows does, generators in planning order", async () => {
    await ctx.store.openRun('run-2', {});
    await ctx.store.planGenerations('run-2', [planned('other', { generatorId: 'gen-z' })]);
    const gens = ['gen-c', 'gen-a', 'gen-b'];
    await runWith(
      'run-1',
      Array.from({ length: 30 }, (_, i) => `k${i}`),
    );
    await ctx.store.planGenerations(
      'run-1',
      Array.from({ length: 30 }, (_, i) => planned(`g${i}`, { generatorId: gens[Math.floor(i / 10)]! })),
    );
    for (let i = 0; i < 30; i += 3) await ctx.store.finishGeneration(`g${i}`, i % 2 ? FAILED : DONE);
    await ctx.store.claimGeneration('g1', 'w1');
    await ctx.store.claimGeneration('k5', 'w1');
    const listed = new Map<string, number>();
    for (const g of await ctx.store.listGenerations({ runId: 'run-1' }))
      listed.set(`${g.generatorId} ${g.status}`, (listed.get(`${g.generatorId} ${g.status}`) ?? 0) + 1);
    const counts = await ctx.store.countGenerations('run-1');
    expect(new Map(counts.map((c) => [`${c.generatorId} ${c.status}`, c.count]))).toEqual(listed);
    expect([...new Set(counts.map((c) => c.generatorId))]).toEqual(['gen-a', 'gen-c', 'gen-b']);
    // gen-a: k0..k29 but the claimed k5, and g10..g19 but the finished g12, g15, g18.
    expect(counts.find((c) => c.generatorId === 'gen-a' && c.status === 'pending')?.count).toBe(29 + 7);
    expect(await ctx.store.countGenerations('nope')).toEqual([]);
  });
}
