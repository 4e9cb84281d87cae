import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { openStore } from '../../../core/store/open-store.js';
import type { ScoreRecord, Store } from '../../../core/types/store.js';
import { runCli } from '../cli/run-cli.js';
import { runInProcess } from '../cli/run-in-process.js';

const models = fileURLToPath(new URL('../../fixtures/models/', import.meta.url));

/** Metrics of a scoring run: a cheap one and a model one (tiny CLIP through ONNX Runtime). */
export const METRICS = ['sharpness', 'clip-score'];

/** These configs name no judge: the metrics need no store or stop signal to ask one. */
export const NO_JUDGING = { store: null, stop: new AbortController().signal };

/** Two synthetic generators x 4 counting prompts x zh+en: 16 images, each scored by every metric. */
export const GENERATIONS = 16;

/**
 * The run's config; `width` changes every image, so that a test's media share no hash (and no
 * entry of the process's embedding cache) with another test's.
 */
export function scoringConfig(store: string, width = 96): string {
  return [
    'run: { id: scoring }',
    store,
    'prompts: [{ set: counting, sample: 4 }]',
    'languages: [zh, en]',
    'generators:',
    `  - { id: sharp, type: synthetic, width: ${width}, height: 96 }`,
    `  - { id: blurred, type: synthetic, width: ${width}, height: 96, blur: 3 }`,
    'scheduler: { concurrency: 2, baseDelayMs: 1, maxDelayMs: 5 }',
    `metrics: [${METRICS.join(', ')}]`,
    'models:',
    `  clip-en: ${join(models, 'tiny-clip')}`,
    `  clip-zh: ${join(models, 'tiny-chinese-clip')}`,
  ].join('\n');
}

export type ScoreRow = Pick<ScoreRecord, 'generationKey' | 'metricId' | 'value' | 'error' | 'details'>;

/** Every score of the run, what a user reads of it, in (generation, metric) order. */
export async function scoreRows(store: Store): Promise<ScoreRow[]> {
  const scores = await store.listScores({ runId: 'scoring' });
  const rows = scores.map(({ generationKey, metricId, value, error, details }) => ({ generationKey, metricId, value, error, details }));
  return rows.sort((a, b) => `${a.generationKey} ${a.metricId}`.localeCompare(`${b.generationKey} ${b.metricId}`));
}

/**
 * The same evaluation scored on one machine (`loupe run`, SQLite, no queue) in `dir`: the scores
 * to match, made in a process of its own, so that nothing the test process computed (its
 * embedding cache) reaches them.
 */
export async function inProcessScores(
  dir: { dir: string; write(name: string, text: string): string },
  width?: number,
): Promise<ScoreRow[]> {
  const config = dir.write('loupe.config.yaml', scoringConfig('store: { sqlite: loupe.db }', width));
  const run = await runCli(['run', '--quiet', '-c', config], dir.dir);
  expect(run.code, run.stderr).toBe(0);
  const store = await openStore(join(dir.dir, 'loupe.db'));
  try {
    return await scoreRows(store);
  } finally {
    await store.close();
  }
}

/** `loupe generate` in this process: the run's media, unscored. */
export async function generate(config: string): Promise<void> {
  const made = await runInProcess(['generate', '--quiet', '-c', config]);
  expect(made.code, made.stderr).toBe(0);
}
