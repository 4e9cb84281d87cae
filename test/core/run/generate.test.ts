import { describe, expect, it } from 'vitest';
import type { GenerationResult, Generator } from '../../../core/types/generator.js';
import { png, setup } from './generate-setup.js';

/** A generator whose answers the test scripts per prompt id; every call is counted. */
function scripted(answers: Record<string, GenerationResult[]>): Generator & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'g',
    type: 'scripted',
    modalities: ['image'],
    synthetic: true,
    calls,
    identity: () => ({}),
    async generate(request, ctx) {
      calls.push(request.prompt.id);
      const queue = answers[request.prompt.id]!;
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      if ((next as { hang?: boolean }).hang) {
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        return { ok: false, error: { category: 'cancelled', message: 'aborted', retryable: false } };
      }
      return next;
    },
  };
}

const serverError = (retryAfterMs?: number): GenerationResult => ({
  ok: false,
  error: { category: 'server', message: '500', retryable: true, retryAfterMs },
});

describe('generateAll', () => {
  it('retries retryable errors with backoff and honours Retry-After', async () => {
    const g = scripted({
      a: [serverError(), serverError(7000), { ok: true, media: png }],
      b: [{ ok: true, media: png }],
      c: [{ ok: true, media: png }],
    });
    const { store, clock, run } = await setup(g);
    await run();
    expect(g.calls.filter((c) => c === 'a')).toHaveLength(3);
    // First retry: half of 1000 ms (jitter 0.5); second: Retry-After 7000 beats half of 2000.
    expect(clock.sleeps!.filter((ms) => ms > 0)).toEqual([500, 7000]);
    expect(await store.listGenerations({ runId: 'r', status: 'done' })).toHaveLength(3);
  });

  it('stores failures with their category and gives up after maxAttempts', async () => {
    const refused: GenerationResult = { ok: false, error: { category: 'refused', message: 'content policy', retryable: false } };
    const g = scripted({ a: [refused], b: [serverError()], c: [{ ok: true, media: png }] });
    const { store, planned, run } = await setup(g);
    await run();
    expect(g.calls.filter((c) => c === 'a')).toHaveLength(1);
    expect(g.calls.filter((c) => c === 'b')).toHaveLength(3);
    const a = await store.getGeneration(planned[0]!.key);
    expect(a).toMatchObject({ status: 'failed', errorCategory: 'refused', errorMessage: 'content policy' });
    expect((await store.getGeneration(planned[1]!.key))?.errorCategory).toBe('server');

    // A resume retries the retryable failure (b) but not the refusal (a), and never the done one (c).
    g.calls.length = 0;
    await run();
    expect(g.calls).toEqual(['b', 'b', 'b']);
  });

  it('turns a hung request into a retryable timeout', async () => {
    const g = scripted({
      a: [{ hang: true } as unknown as GenerationResult, { ok: true, media: png }],
      b: [{ ok: true, media: png }],
      c: [{ ok: true, media: png }],
    });
    const { events, run } = await setup(g, { timeoutMs: 50 });
    await run();
    const retry = events.find((e) => e.type === 'retry');
    expect(retry && retry.type === 'retry' && retry.error.category).toBe('timeout');
    expect(events.filter((e) => e.type === 'done')).toHaveLength(3);
  });

  it('stores an adapter that throws as a non-retryable error instead of crashing', async () => {
    const g = scripted({ a: [{ ok: true, media: png }], b: [{ ok: true, media: png }], c: [{ ok: true, media: png }] });
    g.generate = async () => {
      throw new Error('bug in adapter');
    };
    const { store, run } = await setup(g);
    await run();
    const failed = await store.listGenerations({ runId: 'r', status: 'failed' });
    expect(failed).toHaveLength(3);
    expect(failed[0]!.errorMessage).toMatch(/threw instead of returning an error: bug in adapter/);
  });
});
