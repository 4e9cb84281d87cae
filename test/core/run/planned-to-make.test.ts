import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsWork, plannedToMake } from '../../../core/run/generate.js';
import { planGenerations } from '../../../core/run/plan.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import type { PlannedGeneration, Store } from '../../../core/types/index.js';
import { PromptSetSchema } from '../../../core/types/index.js';
import { createSyntheticGenerator } from '../../../models/synthetic/generator.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const generators = ['g1', 'g2'].map((id) => createSyntheticGenerator({ id, type: 'synthetic', video: { width: 32, height: 32 } }));
const set = PromptSetSchema.parse({
  id: 'suite',
  version: 1,
  title: 'suite',
  prompts: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, category: 'x', modality: 'image', text: { en: `a ${id}`, zh: `一个${id}` } })),
});

/** The way planning read the store before: one lookup per planned key. */
async function oneByOne(store: Store, planned: readonly PlannedGeneration[], retryFailed: boolean): Promise<PlannedGeneration[]> {
  const records = await Promise.all(planned.map((p) => store.getGeneration(p.key)));
  return planned.filter((_, i) => needsWork(records[i], retryFailed));
}

describe('plannedToMake', () => {
  it('plans, skips and resumes exactly the generations that one lookup per key did', async () => {
    const store = await openSqliteStore(join(tempDir().dir, 'db.sqlite'));
    const planned = planGenerations({ sets: [{ set, prompts: set.prompts }], generators, languages: ['zh', 'en'], samples: 2, seed: 3 });
    expect(planned).toHaveLength(40);
    // The last 4 were never planned in the store (a generator added to the config since).
    await store.openRun('r', {});
    await store.planGenerations('r', planned.slice(0, 36));
    const fate = ['done', 'rate-limit', 'refused', 'running', 'pending'] as const;
    for (const [i, p] of planned.slice(0, 36).entries()) {
      const what = fate[i % fate.length]!;
      if (what === 'pending') continue;
      await store.claimGeneration(p.key, 'dead:1');
      if (what === 'done')
        await store.finishGeneration(p.key, {
          status: 'done',
          mediaHash: 'a'.repeat(64),
          mime: 'image/png',
          width: 1,
          height: 1,
          latencyMs: 1,
        });
      if (what === 'rate-limit' || what === 'refused')
        await store.finishGeneration(p.key, { status: 'failed', errorCategory: what, errorMessage: 'no' });
    }
    for (const retryFailed of [false, true]) {
      const batched = await plannedToMake(store, planned, retryFailed);
      expect(batched).toEqual(await oneByOne(store, planned, retryFailed));
      // The truth as built: done is skipped, refused only without --retry-failed; the rest (running ones resumed) is made.
      const skipped = planned.slice(0, 36).filter((_, i) => fate[i % 5] === 'done' || (!retryFailed && fate[i % 5] === 'refused'));
      expect(batched.map((p) => p.key)).toEqual(planned.filter((p) => !skipped.includes(p)).map((p) => p.key));
    }
    await store.close();
  });
});
