import { describe, expect, it } from 'vitest';
import type { StoreContext } from './store-contract.js';
import { ISO_TIME, planned } from './store-fixtures.js';

/** The ledger of paid requests: written before an answer is awaited, read back by a resume. */
export function describeLedgerContract(ctx: StoreContext): void {
  async function runWith(runId: string, keys: string[]): Promise<void> {
    await ctx.store.openRun(runId, {});
    await ctx.store.planGenerations(
      runId,
      keys.map((k) => planned(k)),
    );
  }

  describe('ledger', () => {
    it('opens a row with only its required fields and reads it back with the rest empty', async () => {
      await runWith('run-1', ['k1']);
      const id = await ctx.store.openLedgerEntry({ generationKey: 'k1', generatorId: 'gen-a', attempt: 1, phase: 'sending' });
      const [entry] = await ctx.store.listLedger();
      expect(entry).toEqual({
        id,
        generationKey: 'k1',
        generatorId: 'gen-a',
        attempt: 1,
        phase: 'sending',
        jobId: null,
        detail: null,
        resultUrls: null,
        resultExpiresAt: null,
        priceUsd: null,
        mediaHash: null,
        message: null,
        createdAt: expect.stringMatching(ISO_TIME),
        updatedAt: expect.stringMatching(ISO_TIME),
      });
    });

    it('keeps every field through each phase, changing only what it is given', async () => {
      await runWith('run-1', ['k1']);
      const id = await ctx.store.openLedgerEntry({
        generationKey: 'k1',
        generatorId: 'gen-a',
        attempt: 2,
        phase: 'sending',
        priceUsd: 0.04,
        jobId: 'client-chosen-1',
      });
      await ctx.store.updateLedgerEntry(id, { phase: 'created', jobId: 'job-1', detail: { statusUrl: 'https://x/1', nested: { n: 1 } } });
      await ctx.store.updateLedgerEntry(id, {
        phase: 'result-ready',
        resultUrls: ['https://cdn/1.png', 'https://cdn/2.png'],
        resultExpiresAt: '2026-12-05T00:00:00.000Z',
      });
      await ctx.store.updateLedgerEntry(id, { phase: 'downloaded', mediaHash: 'a'.repeat(64) });
      const [entry] = await ctx.store.listLedger({ generationKey: 'k1' });
      expect(entry).toMatchObject({
        id,
        attempt: 2,
        phase: 'downloaded',
        jobId: 'job-1',
        detail: { statusUrl: 'https://x/1', nested: { n: 1 } },
        resultUrls: ['https://cdn/1.png', 'https://cdn/2.png'],
        resultExpiresAt: '2026-12-05T00:00:00.000Z',
        priceUsd: 0.04,
        mediaHash: 'a'.repeat(64),
        message: null,
      });
      await ctx.store.updateLedgerEntry(id, { detail: null, message: 'why' });
      expect((await ctx.store.listLedger())[0]).toMatchObject({ detail: null, message: 'why', jobId: 'job-1' });
    });

    it('refuses a change to a row that does not exist, and a row for an unknown generation', async () => {
      await expect(ctx.store.updateLedgerEntry(999, { phase: 'failed' })).rejects.toThrow(/999/);
      await expect(ctx.store.openLedgerEntry({ generationKey: 'ghost', generatorId: 'g', attempt: 1, phase: 'sending' })).rejects.toThrow();
    });

    it('refuses a phase that is not a ledger phase', async () => {
      await runWith('run-1', ['k1']);
      const bad = { generationKey: 'k1', generatorId: 'g', attempt: 1, phase: 'paid' } as never;
      await expect(ctx.store.openLedgerEntry(bad)).rejects.toThrow();
    });

    it('lists in order of creation, by run, key, generator and phase', async () => {
      await runWith('run-1', ['k1', 'k2']);
      await runWith('run-2', ['k3']);
      const a = await ctx.store.openLedgerEntry({ generationKey: 'k2', generatorId: 'gen-a', attempt: 1, phase: 'failed' });
      const b = await ctx.store.openLedgerEntry({ generationKey: 'k1', generatorId: 'gen-b', attempt: 1, phase: 'created' });
      const c = await ctx.store.openLedgerEntry({ generationKey: 'k3', generatorId: 'gen-a', attempt: 1, phase: 'unknown' });
      const d = await ctx.store.openLedgerEntry({ generationKey: 'k2', generatorId: 'gen-a', attempt: 2, phase: 'stored' });
      const ids = async (filter: Parameters<typeof ctx.store.listLedger>[0]) => (await ctx.store.listLedger(filter)).map((e) => e.id);
      expect(await ids(undefined)).toEqual([a, b, c, d]);
      expect(await ids({ runId: 'run-1' })).toEqual([a, b, d]);
      expect(await ids({ runId: 'run-2' })).toEqual([c]);
      expect(await ids({ generationKey: 'k2' })).toEqual([a, d]);
      expect(await ids({ generatorId: 'gen-a' })).toEqual([a, c, d]);
      expect(await ids({ phases: ['created', 'unknown'] })).toEqual([b, c]);
      expect(await ids({ runId: 'run-1', phases: ['stored'] })).toEqual([d]);
      expect(await ids({ phases: [] })).toEqual([]);
    });

    it('reserves a request only within the run budget, counting unknown outcomes and not failed or cancelled requests', async () => {
      await runWith('run-1', ['k1', 'k2']);
      await runWith('run-2', ['k3']);
      const budget = { runId: 'run-1', usd: 1 };
      const request = (key: string, priceUsd: number) => ({
        generationKey: key,
        generatorId: 'g',
        attempt: 1,
        phase: 'sending' as const,
        priceUsd,
      });
      const first = await ctx.store.reserveLedgerEntry(request('k1', 0.4), budget);
      expect(first.ok).toBe(true);
      await ctx.store.openLedgerEntry({ ...request('k2', 0.3), phase: 'unknown' });
      await ctx.store.openLedgerEntry({ ...request('k3', 5), phase: 'stored' }); // another run's spend
      expect(await ctx.store.reserveLedgerEntry(request('k2', 0.4), budget)).toEqual({ ok: false, spentUsd: 0.7 });
      // A request the service refused bills nothing: its price is free again.
      if (first.ok) await ctx.store.updateLedgerEntry(first.id, { phase: 'failed' });
      const again = await ctx.store.reserveLedgerEntry(request('k2', 0.4), budget);
      expect(again.ok).toBe(true);
      expect((await ctx.store.listLedger({ generationKey: 'k2' })).map((e) => e.phase)).toEqual(['unknown', 'sending']);
    });
  });
}
