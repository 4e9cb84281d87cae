import sharp from 'sharp';
import { FolderMediaStore } from '../core/media-store/folder-media-store.js';
import { openStore } from '../core/store/index.js';
import type { PlannedGeneration } from '../core/types/store.js';
import { createStudy } from '../core/study/index.js';

/** Fills the empty store at `spec` with `items` finished image generations of run "bench". */
export async function makeBenchRun(spec: string, mediaDir: string, items: number): Promise<void> {
  const store = await openStore(spec);
  const media = new FolderMediaStore(mediaDir);
  await store.openRun('bench', {});
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 90, g: 90, b: 200 } } })
    .png()
    .toBuffer();
  const stored = await media.put(png, 'image/png');
  const planned: PlannedGeneration[] = Array.from({ length: items }, (_, i) => ({
    key: `bench-${String(i).padStart(5, '0')}`.padEnd(64, 'k'),
    generatorId: `gen-${i % 3}`,
    generatorType: 'synthetic',
    promptSetId: 'bench',
    promptSetVersion: 1,
    promptId: `p${i}`,
    category: `c${i % 4}`,
    language: 'en',
    text: `prompt ${i}`,
    seed: 1,
    sample: 0,
    modality: 'image',
  }));
  await store.planGenerations('bench', planned);
  for (const p of planned)
    await store.finishGeneration(p.key, { status: 'done', mediaHash: stored.hash, mime: 'image/png', width: 64, height: 64, latencyMs: 1 });
  await store.close();
}

/** A likert study `id` over every item of run "bench" for `raters` raters, 5 ratings per item; returns the raters' tokens. */
export async function makeBenchStudy(spec: string, mediaDir: string, id: string, raters: number): Promise<string[]> {
  const store = await openStore(spec);
  try {
    const made = await createStudy(
      store,
      {
        runId: 'bench',
        id,
        mode: 'likert',
        raters,
        ratingsPerItem: Math.min(raters, 5),
        goldRate: 0,
        repeatRate: 0,
        filters: { generators: null, sets: null, categories: null, perStratum: null },
      },
      { media: new FolderMediaStore(mediaDir) },
    );
    return made.raters.map((r) => r.token);
  } finally {
    await store.close();
  }
}
