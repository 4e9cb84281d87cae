import sharp from 'sharp';
import type { MediaStore } from '../../../../core/types/media-store.js';
import type { PlannedGeneration, Store } from '../../../../core/types/store.js';
import { createStudy, type CreatedStudy } from '../../../../core/study/create-study.js';

export const RATINGS_PER_ITEM = 3;

/** Run "test-run" with `items` finished PNG generations of three generators, and a likert study over them. */
export async function seedStudy(store: Store, media: MediaStore, items: number, raters: number): Promise<CreatedStudy> {
  await store.openRun('test-run', {});
  const planned: PlannedGeneration[] = Array.from({ length: items }, (_, i) => ({
    key: `multi-${String(i).padStart(3, '0')}`.padEnd(64, 'k'),
    generatorId: `gen-${i % 3}`,
    generatorType: 'synthetic',
    promptSetId: 'multi',
    promptSetVersion: 1,
    promptId: `p${i}`,
    category: `c${i % 2}`,
    language: 'en',
    text: `prompt ${i}`,
    seed: 1,
    sample: 0,
    modality: 'image',
  }));
  await store.planGenerations('test-run', planned);
  for (const [i, p] of planned.entries()) {
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 8 * i, g: 90, b: 200 } } })
      .png()
      .toBuffer();
    const stored = await media.put(png, 'image/png');
    await store.finishGeneration(p.key, { status: 'done', mediaHash: stored.hash, mime: 'image/png', width: 32, height: 32, latencyMs: 1 });
  }
  return createStudy(
    store,
    {
      runId: 'test-run',
      id: 'multi',
      mode: 'likert',
      raters,
      ratingsPerItem: RATINGS_PER_ITEM,
      goldRate: 0.1,
      repeatRate: 0.1,
      filters: { generators: null, sets: null, categories: null, perStratum: null },
    },
    { media },
  );
}
