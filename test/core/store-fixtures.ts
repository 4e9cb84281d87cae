import type { PromptSet } from '../../core/types/prompt.js';
import type { GenerationOutcome, PlannedGeneration } from '../../core/types/store.js';

/** Small valid data for store tests. */
export function promptSet(overrides: Partial<PromptSet> = {}): PromptSet {
  return {
    id: 'counting-basic',
    version: 1,
    title: 'Counting',
    description: 'Counts up to five',
    license: 'CC-BY-4.0',
    prompts: [
      { id: 'c1', category: 'counting', tags: ['count'], text: { en: 'three red apples', zh: '三个红苹果' }, expect: { count: { object: 'apple', objectZh: '苹果', n: 3 } }, modality: 'image' },
      { id: 'c2', category: 'counting', tags: [], text: { en: 'five cats on a sofa' }, modality: 'both' },
    ],
    ...overrides,
  };
}

export function planned(key: string, overrides: Partial<PlannedGeneration> = {}): PlannedGeneration {
  return {
    key,
    generatorId: 'gen-a',
    generatorType: 'synthetic',
    promptSetId: 'counting-basic',
    promptSetVersion: 1,
    promptId: 'c1',
    category: 'counting',
    language: 'zh',
    text: '三个红苹果',
    seed: 4_294_967_295,
    sample: 0,
    modality: 'image',
    ...overrides,
  };
}

export const DONE: Extract<GenerationOutcome, { status: 'done' }> = {
  status: 'done',
  mediaHash: 'a'.repeat(64),
  mime: 'video/mp4',
  width: 1280,
  height: 720,
  durationSec: 4.5,
  fps: 24,
  latencyMs: 81234.5,
  costUsd: 0.125,
  providerIds: { jobId: 'job-1', requestId: 'req-9' },
};

export const FAILED: Extract<GenerationOutcome, { status: 'failed' }> = {
  status: 'failed',
  errorCategory: 'rate-limit',
  errorMessage: 'HTTP 429: slow down',
  latencyMs: 120,
};

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
