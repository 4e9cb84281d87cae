import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildGenerators, loadConfigFile } from '../../../core/cli/compose.js';
import { prepareRun } from '../../../core/run/index.js';
import { openStore } from '../../../core/store/index.js';
import type { GenerationOutcome, PlannedGeneration } from '../../../core/types/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { startFakeServer, type FakeServer } from '../../models/fake-server.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

/** Every paid generator points at this server: it records any request, and the plan must send none. */
let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer();
});
afterEach(async () => {
  expect(server.requests).toEqual([]);
  await server.close();
});

/**
 * Three paid generators on 3 counting prompts (images) and 2 video-motion prompts (clips), zh + en:
 * gpt 6 images at $0.04, kling 4 clips of 5 s at $0.07 a second, house 6 images at $0.01.
 */
function paidConfig(options: { budgetUsd?: number; housePrice?: string; kling?: string } = {}): string {
  const t = tempDir();
  return t.write(
    'loupe.config.yaml',
    [
      'run:',
      '  id: paid',
      options.budgetUsd === undefined ? '' : `  budgetUsd: ${options.budgetUsd}`,
      'prompts:',
      '  - { set: counting, sample: 3 }',
      '  - { set: video-motion, sample: 2 }',
      'languages: [zh, en]',
      'generators:',
      `  - { id: gpt, type: openai-images, model: gpt-image-1, baseUrl: "${server.url}/v1", pricePerRequestUsd: 0.04 }`,
      '  - id: kling',
      '    type: async-job',
      '    preset: replicate',
      '    model: kwaivgi/kling-v2.1',
      `    baseUrl: "${server.url}/v1"`,
      '    protocol: { modality: video }',
      options.kling ?? '    params: { duration: 5 }\n    pricePerSecondUsd: 0.07',
      `  - { id: house, type: http, url: "${server.url}/gen", response: { kind: binary }${options.housePrice ?? ', pricePerRequestUsd: 0.01'} }`,
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
}

/** The plan's rows by their first cell, split into columns. */
function rows(stdout: string): Map<string, string[]> {
  return new Map(
    stdout
      .split('\n')
      .map((line) => line.split(/\s{2,}/))
      .filter((cells) => cells.length > 4)
      .map((cells) => [cells[0]!, cells.slice(1)]),
  );
}

const storeOf = (config: string) => openStore(join(config, '../.loupe/loupe.db'));

describe('loupe run --plan', () => {
  it('prices every generator, the total and each prompt set, sends nothing and stores nothing', async () => {
    const config = paidConfig({ budgetUsd: 5 });
    const r = await runInProcess(['run', '--plan', '-c', config]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Plan of run "paid" \(not started\); nothing is sent\. 3 generators;/);
    const table = rows(r.stdout);
    // planned, done, failed for good, to make, price per request, cost to make, spent
    expect(table.get('gpt')).toEqual(['openai-images', '6', '0', '0', '6', '$0.04', '$0.24', '$0.00']);
    expect(table.get('kling')).toEqual(['async-job', '4', '0', '0', '4', '$0.35', '$1.40', '$0.00']);
    expect(table.get('house')).toEqual(['http', '6', '0', '0', '6', '$0.01', '$0.06', '$0.00']);
    expect(table.get('total')).toEqual(['16', '0', '0', '16', '$1.70', '$0.00']);
    expect(table.get('counting@1')).toEqual(['12', '0', '0', '12', '$0.30', '$0.00']);
    expect(table.get('video-motion@1')).toEqual(['4', '0', '0', '4', '$1.40', '$0.00']);
    expect(r.stdout).toContain('Budget $5.00 (run.budgetUsd): spent $0.00 + $1.70 to make = $1.70: fits the budget, $3.30 to spare.');

    const store = await storeOf(config);
    try {
      expect(await store.listRuns()).toEqual([]);
      expect(await store.listGenerations()).toEqual([]);
      expect(await store.listPromptSets()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('says by how much the estimate exceeds the budget, and `loupe generate --plan` prints the same', async () => {
    const config = paidConfig({ budgetUsd: 1 });
    const r = await runInProcess(['run', '--plan', '-c', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Budget $1.00 (run.budgetUsd): spent $0.00 + $1.70 to make = $1.70: over the budget by $0.70.');
    const g = await runInProcess(['generate', '--plan', '-c', config]);
    expect(g.code).toBe(0);
    expect(g.stdout).toBe(r.stdout);
  });

  it('counts what is done, failed for good and left to make after part of the run, with the spend stored', async () => {
    const config = paidConfig({ budgetUsd: 1 });
    const loaded = loadConfigFile(config);
    const store = await storeOf(config);
    try {
      const { planned } = await prepareRun(loaded, store, buildGenerators(loaded));
      const of = (id: string) => planned.filter((p) => p.generatorId === id);
      const finish = (p: PlannedGeneration, outcome: GenerationOutcome) => store.finishGeneration(p.key, outcome);
      const done = (costUsd: number | undefined): GenerationOutcome => ({
        status: 'done',
        mediaHash: 'a'.repeat(64),
        mime: 'image/png',
        width: 8,
        height: 8,
        latencyMs: 10,
        costUsd,
      });
      await finish(of('gpt')[0]!, done(0.04));
      await finish(of('gpt')[1]!, done(0.04));
      await finish(of('kling')[0]!, done(0.35));
      await finish(of('house')[0]!, { status: 'failed', errorCategory: 'refused', errorMessage: 'flagged' });
      // A server error is retried on resume: it is still to make.
      await finish(of('house')[1]!, { status: 'failed', errorCategory: 'server', errorMessage: '502' });
    } finally {
      await store.close();
    }

    const r = await runInProcess(['run', '--plan', '-c', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Plan of run "paid" \(planned in \.loupe\/loupe\.db\)/);
    const table = rows(r.stdout);
    expect(table.get('gpt')).toEqual(['openai-images', '6', '2', '0', '4', '$0.04', '$0.16', '$0.08']);
    expect(table.get('kling')).toEqual(['async-job', '4', '1', '0', '3', '$0.35', '$1.05', '$0.35']);
    expect(table.get('house')).toEqual(['http', '6', '0', '1', '5', '$0.01', '$0.05', '$0.00']);
    expect(table.get('total')).toEqual(['16', '3', '1', '12', '$1.26', '$0.43']);
    expect(table.get('counting@1')).toEqual(['12', '2', '1', '9', '$0.21', '$0.08']);
    expect(table.get('video-motion@1')).toEqual(['4', '1', '0', '3', '$1.05', '$0.35']);
    expect(r.stdout).toContain('1 generation(s) failed for good are not asked again; --retry-failed would count them as to make.');
    expect(r.stdout).toContain('Budget $1.00 (run.budgetUsd): spent $0.43 + $1.26 to make = $1.69: over the budget by $0.69.');

    const retry = rows((await runInProcess(['run', '--plan', '--retry-failed', '-c', config])).stdout);
    expect(retry.get('house')).toEqual(['http', '6', '0', '0', '6', '$0.01', '$0.06', '$0.00']);
  });

  it('marks a generator without a price, and the total and budget as lower bounds', async () => {
    const config = paidConfig({ budgetUsd: 2, housePrice: '' });
    const r = await runInProcess(['run', '--plan', '-c', config]);
    expect(r.code).toBe(0);
    const table = rows(r.stdout);
    expect(table.get('house')).toEqual(['http', '6', '0', '0', '6', 'no price', 'no price', '$0.00']);
    expect(table.get('total')).toEqual(['16', '0', '0', '16', '≥ $1.64', '$0.00']);
    expect(table.get('counting@1')).toEqual(['12', '0', '0', '12', '≥ $0.24', '$0.00']);
    expect(r.stdout).toContain('No price for house: the estimate is a lower bound.');
    expect(r.stdout).toContain(
      'Budget $2.00 (run.budgetUsd): spent $0.00 + at least $1.64 to make = at least $1.64: fits only if what has no price costs at most $0.36.',
    );
  });

  it('refuses a negative price and a per-second price with no clip length, naming the line and field', async () => {
    const negative = await runInProcess(['run', '--plan', '-c', paidConfig({ housePrice: ', pricePerRequestUsd: -0.01' })]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/loupe\.config\.yaml:17: generators\[2\]\.pricePerRequestUsd: Too small: expected number to be >=0/);

    const noLength = await runInProcess([
      'run',
      '--plan',
      '-c',
      paidConfig({ kling: '    params: { resolution: 720p }\n    pricePerSecondUsd: 0.07' }),
    ]);
    expect(noLength.code).toBe(2);
    expect(noLength.stderr).toContain(
      'generators[1].pricePerSecondUsd: async-job "kling": needs the clip length the request asks for: no clip length in params or protocol.create.body',
    );
    expect(noLength.stderr).toMatch(/loupe\.config\.yaml:\d+: generators\[1\]\.pricePerSecondUsd/);

    const budget = await runInProcess(['run', '--plan', '-c', paidConfig({ budgetUsd: -5 })]);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toMatch(/loupe\.config\.yaml:3: run\.budgetUsd: Too small/);
  });
});
