import { describe, expect, it } from 'vitest';
import type { GenerationResult, Generator, GeneratorContext } from '../../../core/types/generator.js';
import { systemClock, type Clock } from '../../../core/run/clock.js';
import { png, setup } from './generate-setup.js';
import type { LedgerChange, LedgerPhase, Store } from '../../../core/types/store.js';

/** A generator whose `generate` is the test's function, with every call counted. */
function paid(
  generate: (prompt: string, ctx: GeneratorContext, call: number) => Promise<GenerationResult>,
): Generator & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'g',
    type: 'paid',
    modalities: ['image'],
    synthetic: false,
    calls,
    identity: () => ({}),
    estimateCostUsd: () => 0.04,
    generate: (request, ctx) => generate(request.prompt.id, ctx, calls.push(request.prompt.id)),
  };
}

const ok: GenerationResult = { ok: true, media: png, costUsd: 0.05 };
const status = (category: 'server' | 'network' | 'timeout', message: string = category): GenerationResult => ({
  ok: false,
  error: { category, message, retryable: true },
});

describe('generation with the ledger', () => {
  it('records each paid request: answered errors failed, unanswered ones unknown, the success stored with its media and cost', async () => {
    const answers: Record<string, GenerationResult[]> = {
      a: [status('server', 'HTTP 500'), status('network', 'socket hang up'), ok],
      b: [status('network', 'connect ECONNREFUSED 127.0.0.1:9'), ok],
      c: [ok],
    };
    const g = paid(async (id, ctx) => {
      await ctx.ledger!.record('sending');
      return answers[id]!.shift()!;
    });
    const { store, planned, run } = await setup(g, { maxAttempts: 3 });
    await run();
    const a = await store.listLedger({ generationKey: planned[0]!.key });
    expect(a.map((e) => [e.attempt, e.phase])).toEqual([
      [1, 'failed'],
      [2, 'unknown'],
      [3, 'stored'],
    ]);
    expect(a[1]!.message).toBe('socket hang up');
    expect(a[0]!.priceUsd).toBe(0.04);
    expect(a[2]).toMatchObject({ priceUsd: 0.05, mediaHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // A refused connection never reached the service.
    expect((await store.listLedger({ generationKey: planned[1]!.key })).map((e) => e.phase)).toEqual(['failed', 'stored']);
    // `attempts` counts the requests of the run, retries included.
    expect((await store.getGeneration(planned[0]!.key))?.attempts).toBe(3);
    expect((await store.getGeneration(planned[2]!.key))?.attempts).toBe(1);
  });

  it('lets a job that has an id outlive the scheduler timeout, and times out one that has none', async () => {
    // Real time: the timeout is the scheduler's own timer. Each job takes three timeouts long.
    const timeoutMs = 300;
    const g = paid(async (id, ctx) => {
      await ctx.ledger!.record('sending');
      if (id !== 'a') await ctx.ledger!.record('created', { jobId: `job-${id}` });
      await systemClock.sleep(3 * timeoutMs, ctx.signal);
      return ctx.signal.aborted ? { ok: false, error: { category: 'cancelled', message: 'aborted', retryable: false } } : ok;
    });
    const { store, planned, run } = await setup(g, { timeoutMs, maxAttempts: 1 }, systemClock as Clock);
    await run();
    const [a, b, c] = await Promise.all(planned.map((p) => store.getGeneration(p.key)));
    expect(a).toMatchObject({ status: 'failed', errorCategory: 'timeout' });
    expect(b?.status).toBe('done');
    expect(c?.status).toBe('done');
    expect((await store.listLedger({ generationKey: planned[0]!.key }))[0]!.phase).toBe('unknown');
    expect(g.calls).toEqual(['a', 'b', 'c']);
  });

  it('hands a job left by a killed process to the adapter, which polls it instead of creating it again', async () => {
    const created: string[] = [];
    const g = paid(async (id, ctx) => {
      const left = ctx.ledger!.left;
      if (left?.jobId) {
        ctx.ledger!.resume();
        await ctx.ledger!.record('result-ready', { resultUrls: [`https://cdn/${left.jobId}.png`] });
        return ok;
      }
      await ctx.ledger!.record('sending');
      created.push(id);
      await ctx.ledger!.record('created', { jobId: `job-${id}` });
      return ok;
    });
    const { store, planned, run } = await setup(g);
    await leftByKilledProcess(store, planned[0]!.key, { phase: 'created', jobId: 'job-a' });
    await run();
    expect(created).toEqual(['b', 'c']);
    const a = await store.listLedger({ generationKey: planned[0]!.key });
    expect(a.map((e) => [e.attempt, e.jobId, e.phase])).toEqual([[1, 'job-a', 'stored']]);
    expect(a[0]!.resultUrls).toEqual(['https://cdn/job-a.png']);
  });

  it('stores media a killed process downloaded but did not record, without a request', async () => {
    const g = paid(async (_id, ctx) => {
      await ctx.ledger!.record('sending');
      return ok;
    });
    const { store, media, planned, run } = await setup(g);
    const key = planned[1]!.key;
    const stored = await media.put(png.bytes, png.mime);
    const outcome = { status: 'done', mediaHash: stored.hash, mime: 'image/png', width: 1, height: 1, latencyMs: 5, costUsd: 0.05 };
    await leftByKilledProcess(store, key, { phase: 'downloaded', mediaHash: stored.hash, detail: { outcome } });
    await run();
    expect(g.calls.sort()).toEqual(['a', 'c']);
    expect(await store.getGeneration(key)).toMatchObject({ status: 'done', mediaHash: stored.hash, costUsd: 0.05 });
    expect((await store.listLedger({ generationKey: key })).map((e) => e.phase)).toEqual(['stored']);
  });

  it('asks again when the downloaded media is missing from the media store', async () => {
    const g = paid(async (_id, ctx) => {
      await ctx.ledger!.record('sending');
      return ok;
    });
    const { store, planned, run } = await setup(g);
    await leftByKilledProcess(store, planned[1]!.key, { phase: 'downloaded', mediaHash: 'f'.repeat(64), detail: { outcome: {} } });
    await run();
    expect(g.calls.sort()).toEqual(['a', 'b', 'c']);
    const b = await store.listLedger({ generationKey: planned[1]!.key });
    expect(b.map((e) => e.phase)).toEqual(['unknown', 'stored']);
    expect(b[0]!.message).toMatch(/^downloaded, but the media is not in the media store/);
  });

  it('records a request a killed process left on the wire as an unknown outcome when a new one replaces it', async () => {
    const g = paid(async (_id, ctx) => {
      await ctx.ledger!.record('sending');
      return ok;
    });
    const { store, planned, run } = await setup(g);
    await leftByKilledProcess(store, planned[2]!.key, { phase: 'sending' });
    await run();
    const c = await store.listLedger({ generationKey: planned[2]!.key });
    expect(c.map((e) => [e.attempt, e.phase])).toEqual([
      [1, 'unknown'],
      [2, 'stored'],
    ]);
    expect(c[0]!.message).toMatch(/sent without an answer \(attempt 1, last written .*\); the service may have made and billed it/);
  });
});

/** What a process killed mid-request leaves: its claim (released by the next run) and its ledger row. */
async function leftByKilledProcess(store: Store, key: string, entry: LedgerChange & { phase: LedgerPhase }): Promise<void> {
  await store.claimGeneration(key, 'host:dead');
  await store.openLedgerEntry({ generationKey: key, generatorId: 'g', attempt: 1, ...entry });
  await store.releaseClaims('host:dead');
}

describe('budget', () => {
  it('starts no paid request past the run budget; failed requests free their share, unknown outcomes keep it', async () => {
    // Each request is priced $0.04 before it is sent; a budget of $0.10 holds two of them.
    const answers: Record<string, GenerationResult[]> = { a: [status('server', 'HTTP 500'), ok], b: [status('timeout')], c: [ok] };
    const g = paid(async (id, ctx) => {
      await ctx.ledger!.record('sending');
      return answers[id]!.shift() ?? ok;
    });
    const { store, planned, events, run } = await setup(g, { concurrency: 1, maxAttempts: 2 }, undefined, 0.1);
    await run();
    // a: 500 (failed, free) then made ($0.05 as reported); b: timed out (unknown, $0.04 kept); c: over budget.
    expect(g.calls).toEqual(['a', 'a', 'b']);
    const over = events.find((e) => e.type === 'over-budget');
    expect(over).toMatchObject({ type: 'over-budget', spentUsd: 0.09, priceUsd: 0.04, budgetUsd: 0.1 });
    expect((await store.getGeneration(planned[2]!.key))?.status).toBe('pending');
    expect(events.at(-1)).toMatchObject({ type: 'generate-end', overBudget: true });
    expect((await store.listLedger()).map((e) => e.phase)).toEqual(['failed', 'stored', 'unknown']);
  });

  it('counts a made request at the cost the service reported, not the estimate', async () => {
    const g = paid(async (_id, ctx) => {
      await ctx.ledger!.record('sending');
      return ok;
    });
    // Estimated $0.04, reported $0.05: with $0.05 spent, a second $0.04 request would pass $0.08.
    const { store, run } = await setup(g, { concurrency: 1 }, undefined, 0.08);
    await run();
    expect((await store.listGenerations({ status: 'done' })).length).toBe(1);
    expect(g.calls).toHaveLength(1);
    expect((await store.listLedger()).map((e) => e.priceUsd)).toEqual([0.05]);
  });
});

describe('rate limit', () => {
  it('counts retries: with 429 on every other request, no 60-second window holds more requests than the limit', async () => {
    let now = 0;
    const sleepers: { at: number; wake: () => void }[] = [];
    const clock: Clock = {
      now: () => now,
      sleep: (ms, signal) =>
        new Promise<void>((resolve) => {
          if (ms <= 0 || signal?.aborted) return resolve();
          sleepers.push({ at: now + ms, wake: resolve });
        }),
    };
    const at: number[] = [];
    const g = paid(async () => {
      at.push(now);
      return at.length % 2 === 1 ? { ok: false, error: { category: 'rate-limit', message: '429', retryable: true } } : ok;
    });
    const { store, planned, run } = await setup(
      g,
      { ratePerMinute: 2, concurrency: 3, maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20 },
      clock,
    );
    const done = run();
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      const next = Math.min(...sleepers.map((s) => s.at));
      if (Number.isFinite(next)) {
        now = next;
        for (const s of sleepers.filter((x) => x.at <= now)) sleepers.splice(sleepers.indexOf(s), 1) && s.wake();
      }
    }
    expect((await store.listGenerations({ status: 'done' })).length).toBe(planned.length);
    expect(at).toHaveLength(6);
    for (const t of at) expect(at.filter((s) => s >= t && s < t + 60_000).length).toBeLessThanOrEqual(2);
  });
});
