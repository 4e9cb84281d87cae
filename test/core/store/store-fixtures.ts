import type { PromptSet } from '../../../core/types/prompt.js';
import type { GenerationOutcome, NewRating, PlannedGeneration, Store, StoredPromptQuestions } from '../../../core/types/store.js';

/** Small valid data for store tests. */
export function promptSet(overrides: Partial<PromptSet> = {}): PromptSet {
  return {
    id: 'counting-basic',
    version: 1,
    title: 'Counting',
    description: 'Counts up to five',
    license: 'CC-BY-4.0',
    prompts: [
      {
        id: 'c1',
        category: 'counting',
        tags: ['count'],
        text: { en: 'three red apples', zh: '三个红苹果' },
        expect: { count: { object: 'apple', objectZh: '苹果', n: 3 } },
        modality: 'image',
      },
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

/** Fills a store with a little of everything, the odd values included (JSON null, no media, a claimed item, a correction). */
export async function populateStore(store: Store): Promise<void> {
  await store.putPromptSet(promptSet(), 'prompts/counting.yaml');
  await store.putPromptSet(promptSet({ version: 2, title: '计数' }), 'prompts/counting.yaml');
  await store.putPromptQuestions(generatedQuestions({ language: 'zh' }));
  await store.openRun('run-b', { generators: [{ id: 'gen-a' }], note: '中文', nested: { z: 1, a: [1.5, null] } });
  await store.openRun('run-a', null);
  await store.planGenerations('run-b', [
    planned('k1'),
    planned('k2', { generatorId: 'gen-b', language: 'en', text: 'three red apples' }),
    planned('k3', { modality: 'video' }),
  ]);
  await store.planGenerations('run-a', [planned('k3', { modality: 'video' }), planned('k4', { seed: 0, sample: 1 })]);
  await store.finishGeneration('k1', {
    status: 'done',
    mediaHash: 'b'.repeat(64),
    mime: 'image/png',
    width: 512,
    height: 512,
    latencyMs: 900,
  });
  await store.finishGeneration('k2', FAILED);
  await store.finishGeneration('k3', DONE);
  await store.claimGeneration('k4', 'host-a:42');
  const paid = await store.openLedgerEntry({ generationKey: 'k3', generatorId: 'gen-a', attempt: 1, phase: 'sending', priceUsd: 0.35 });
  await store.updateLedgerEntry(paid, {
    phase: 'result-ready',
    jobId: 'job-7',
    detail: { statusUrl: 'https://q/7' },
    resultUrls: ['https://cdn/7.mp4'],
  });
  await store.openLedgerEntry({ generationKey: 'k4', generatorId: 'gen-a', attempt: 1, phase: 'unknown', message: 'no answer, 中文' });
  const score = { metricId: 'clip-score', metricVersion: '1', details: { model: 'clip' }, provenance: { sha: 'f'.repeat(8) }, error: null };
  await store.putScores([
    { ...score, generationKey: 'k3', value: 0.25 },
    { ...score, generationKey: 'k1', value: null, error: 'not applicable', details: {} },
  ]);
  await store.putScores([{ ...score, generationKey: 'k3', value: 0.5 }]);
  await store.createStudy({ id: 's-like', runId: 'run-b', name: 'Pilot', mode: 'likert', config: { raters: 3 }, status: 'open' });
  await store.createStudy({ id: 's-arena', runId: 'run-a', name: 'Arena', mode: 'pairwise', config: null, status: 'closed' });
  await store.addAssignments([
    { id: 'a2', studyId: 's-like', raterId: 'r1', item: 'k3', position: 1, kind: 'gold' },
    { id: 'a1', studyId: 's-like', raterId: 'r1', item: 'k1', position: 0, kind: 'normal' },
    { id: 'p1', studyId: 's-arena', raterId: 'r2', item: 'k3|k4', position: 0, kind: 'normal' },
  ]);
  const rating = newRating({ studyId: 's-like' });
  await store.addRatings([rating, { ...rating, dimension: 'aesthetic-quality', value: 2.5, watchedToEnd: false }]);
  await store.addRating({
    ...rating,
    value: 5,
    submissionId: 'sub-1',
    clientShownAt: '2026-11-24T20:00:00.000Z',
    clientAnsweredAt: '2026-11-24T20:00:05.3Z',
  });
  await store.addRating({ ...rating, value: 2, submissionId: 'fix-1', correction: true });
  await store.markServed({ studyId: 's-like', assignmentId: 'a1', raterId: 'r1' }, '2026-11-24T19:59:58.125Z');
  await store.createCoordinatorTokenHash('c'.repeat(64));
  await store.addRating({
    ...rating,
    studyId: 's-arena',
    assignmentId: 'p1',
    raterId: 'r2',
    dimension: 'preference',
    value: 0,
    watchedToEnd: null,
    cannotRate: 'did not load',
  });
}

/** A rating of item a1 in study s1 by r1, with `over` changed: what the ratings contracts store. */
export const newRating = (over: Partial<NewRating> = {}): NewRating => ({
  studyId: 's1',
  assignmentId: 'a1',
  raterId: 'r1',
  dimension: 'realism',
  value: 4,
  cannotRate: null,
  timeMs: 5300,
  watchedToEnd: true,
  ...over,
});

/** Questions a model generated for prompt c1 of the counting set, version 1. */
export function generatedQuestions(
  overrides: Partial<Omit<StoredPromptQuestions, 'createdAt'>> = {},
): Omit<StoredPromptQuestions, 'createdAt'> {
  return {
    promptSetId: 'counting-basic',
    promptSetVersion: 1,
    promptId: 'c1',
    language: 'en',
    model: 'gpt-4o-2024-08-06',
    template: 'dsg-questions-1',
    judgeId: 'gpt',
    questions: [
      { id: 1, text: { en: 'Are there apples?' }, parents: [], category: 'entity', tuple: 'entity - whole (apples)' },
      { id: 2, text: { en: 'Are there three apples?' }, parents: [1], category: 'attribute', tuple: 'attribute - count (apples, ==3)' },
    ],
    detail: { answeredBy: 'gpt-4o-2024-08-06', usage: { inputTokens: 410, outputTokens: 96 } },
    ...overrides,
  };
}
