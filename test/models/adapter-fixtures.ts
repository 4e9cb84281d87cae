import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startFakeServer, type FakeServer } from './fake-server.js';
import type { ErrorCategory, GenerationError, GenerationRequest, GenerationResult, RequestLedger } from '../../core/types/generator.js';
import type { LedgerChange, LedgerEntry, LedgerPhase } from '../../core/types/store.js';
import type { Prompt } from '../../core/types/prompt.js';
import type { PollClock } from '../../models/adapter-common.js';
export type { PollClock };

export const PROMPT: Prompt = {
  id: 'red-apple',
  category: 'test',
  tags: [],
  text: { en: 'a red apple', zh: '一个红苹果' },
  modality: 'both',
};

export const request = (over: Partial<GenerationRequest> = {}): GenerationRequest => ({
  prompt: PROMPT,
  language: 'en',
  text: 'a red apple',
  seed: 42,
  sample: 0,
  modality: 'image',
  ...over,
});

export const ctx = (signal: AbortSignal = new AbortController().signal) => ({ signal });

export function expectFailure(result: { ok: true } | { ok: false; error: GenerationError }, category: ErrorCategory, retryable?: boolean) {
  if (result.ok) throw new Error(`expected a ${category} failure, got media`);
  expect(result.error.category, result.error.message).toBe(category);
  if (retryable !== undefined) expect(result.error.retryable).toBe(retryable);
  return result.error;
}

export function expectMedia(result: GenerationResult) {
  if (!result.ok) throw new Error(`expected media, got ${result.error.category}: ${result.error.message}`);
  return result;
}

/** A poll clock whose sleeps return at once and move time forward; it records each sleep. */
export function fakePollClock(): PollClock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** Sets environment variables for one test; returns the undo. */
export function withEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  return () => {
    for (const [k, v] of Object.entries(before))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  };
}

/** A ledger row as a stopped run leaves it (phase `polling` unless given). */
export function ledgerRow(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 1,
    generationKey: 'k',
    generatorId: 'g',
    attempt: 1,
    phase: 'polling',
    jobId: null,
    detail: null,
    resultUrls: null,
    resultExpiresAt: null,
    priceUsd: null,
    mediaHash: null,
    message: null,
    createdAt: '2026-12-04T00:00:00.000Z',
    updatedAt: '2026-12-04T00:00:00.000Z',
    ...over,
  };
}

/** A ledger that keeps its records in memory, with a row an earlier attempt left when given one. */
export function memoryLedger(left?: Partial<LedgerEntry> & Pick<LedgerEntry, 'phase'>) {
  const records: { phase: LedgerPhase; change: LedgerChange }[] = [];
  const state = { resumed: false };
  const full: LedgerEntry | undefined = left && ledgerRow(left);
  const ledger: RequestLedger = {
    left: full,
    resume: () => void (state.resumed = true),
    record: async (phase, change = {}) => void records.push({ phase, change }),
  };
  return { ledger, records, state, phases: () => records.map((r) => r.phase) };
}

/**
 * For a test file: `env` set for the whole file, and a fresh fake server for each test, closed after
 * it (a server shared by a file would answer a request an earlier test gave up on: see fake-server.ts).
 */
export function useFakeServer(env: Record<string, string> = {}): { readonly server: FakeServer } {
  let current: FakeServer | undefined;
  let undoEnv: () => void = () => undefined;
  beforeAll(() => {
    undoEnv = withEnv(env);
  });
  afterAll(() => undoEnv());
  beforeEach(async () => {
    current = await startFakeServer();
  });
  afterEach(() => current!.close());
  return {
    get server() {
      if (!current) throw new Error('no fake server: used outside a test');
      return current;
    },
  };
}
