import { join } from 'node:path';
import sharp from 'sharp';
import { openFolderMediaStore } from '../../../core/media-store/folder-media-store.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { GenerationOutcome, LedgerChange, LedgerPhase, MediaStore, Store } from '../../../core/types/index.js';
import { planned } from '../store/store-fixtures.js';

/**
 * Two paid generators on two prompt sets, and their ledger. Each request is opened as `sending`
 * and moved on as an adapter would; `price: null` is a request with no price in the config.
 */
const GENERATIONS: [generator: string, set: string, outcome: number | null | 'failed' | 'pending'][] = [
  ['gpt', 'counting', 0.04],
  ['gpt', 'counting', 0.04],
  ['gpt', 'people', 'failed'],
  ['gpt', 'people', null],
  ['kling', 'counting', 0.35],
  ['kling', 'counting', 'pending'],
  ['kling', 'counting', 'pending'],
  ['kling', 'people', 'pending'],
  ['kling', 'people', 'pending'],
  ['kling', 'people', 'pending'],
];

export const LEDGER: { key: string; attempt: number; phase: LedgerPhase; change: LedgerChange & { priceUsd: number | null } }[] = [
  { key: 'k0', attempt: 1, phase: 'stored', change: { priceUsd: 0.04 } },
  { key: 'k1', attempt: 1, phase: 'unknown', change: { priceUsd: 0.04, message: 'socket hang up, no answer' } },
  { key: 'k1', attempt: 2, phase: 'stored', change: { priceUsd: 0.04 } },
  { key: 'k2', attempt: 1, phase: 'failed', change: { priceUsd: 0.04, message: '400: content policy' } },
  { key: 'k3', attempt: 1, phase: 'stored', change: { priceUsd: null } },
  { key: 'k4', attempt: 1, phase: 'stored', change: { priceUsd: 0.35, jobId: 'job-4' } },
  { key: 'k5', attempt: 1, phase: 'polling', change: { priceUsd: 0.35, jobId: 'job-5' } },
  { key: 'k6', attempt: 1, phase: 'cancelled', change: { priceUsd: 0.35, jobId: 'job-6', message: 'cancelled by the user' } },
  { key: 'k7', attempt: 1, phase: 'unknown', change: { priceUsd: 0.35, jobId: 'job-7', message: 'job job-7, not picked up again' } },
  { key: 'k8', attempt: 1, phase: 'result-ready', change: { priceUsd: 0.35, jobId: 'job-8' } },
  { key: 'k9', attempt: 1, phase: 'sending', change: { priceUsd: 0.35 } },
];

export interface LedgerFixture {
  store: Store;
  media: MediaStore;
  /** Writes the ledger rows above (the generations are already in the store). */
  addLedger(): Promise<void>;
  reportsDir: string;
}

/** The run "r1" with its generations done, failed or pending, and no ledger until `addLedger`. */
export async function ledgerFixture(dir: string): Promise<LedgerFixture> {
  const store = await openSqliteStore(join(dir, 'loupe.db'));
  const media = await openFolderMediaStore(join(dir, 'media'));
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#36c' } })
    .png()
    .toBuffer();
  const { hash } = await media.put(png, 'image/png');
  await store.openRun('r1', {
    run: { id: 'r1' },
    generators: [
      { id: 'gpt', type: 'openai-images', synthetic: false },
      { id: 'kling', type: 'async-job', synthetic: false },
    ],
  });
  await store.planGenerations(
    'r1',
    GENERATIONS.map(([generatorId, set], i) =>
      planned(`k${i}`, { generatorId, promptSetId: set, promptSetVersion: set === 'people' ? 2 : 1, promptId: `p${i}`, sample: i % 2 }),
    ),
  );
  for (const [i, [, , outcome]] of GENERATIONS.entries()) {
    if (outcome === 'pending') continue;
    const done: GenerationOutcome =
      outcome === 'failed'
        ? { status: 'failed', errorCategory: 'refused', errorMessage: 'content policy' }
        : { status: 'done', mediaHash: hash, mime: 'image/png', width: 8, height: 8, latencyMs: 5, costUsd: outcome ?? undefined };
    await store.finishGeneration(`k${i}`, done);
  }
  await store.setRunStatus('r1', 'interrupted');
  return {
    store,
    media,
    reportsDir: join(dir, 'reports'),
    async addLedger() {
      for (const row of LEDGER) {
        const generatorId = GENERATIONS[Number(row.key.slice(1))]![0];
        const { priceUsd, ...change } = row.change;
        const id = await store.openLedgerEntry({ generationKey: row.key, generatorId, attempt: row.attempt, phase: 'sending', priceUsd });
        if (row.phase !== 'sending') await store.updateLedgerEntry(id, { ...change, phase: row.phase });
      }
    },
  };
}
