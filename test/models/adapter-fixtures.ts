import { expect } from 'vitest';
import type { ErrorCategory, GenerationError, GenerationRequest, GenerationResult } from '../../core/types/generator.js';
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
