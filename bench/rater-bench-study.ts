import sharp from 'sharp';
import { FolderMediaStore } from '../core/media-store/folder-media-store.js';
import { openStore } from '../core/store/index.js';
import type { PlannedGeneration } from '../core/types/store.js';
import { createStudy } from '../core/study/index.js';

/** Fills the empty store at `spec` with 120 finished image generations and a likert study over them for `raters` raters. */
export async function makeBenchStudy(spec: string, mediaDir: string, raters: number) {
  const store = await openStore(spec);
  const media = new FolderMediaStore(mediaDir);
  await store.openRun('bench', {});
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 90, g: 90, b: 200 } } })
    .png()
    .toBuffer();
  const stored = await media.put(png, 'image/png');
  const planned: PlannedGeneration[] = Array.from({ length: 120 }, (_, i) => ({
    key: `bench-${String(i).padStart(3, '0')}`.padEnd(64, 'k'),
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
  const made = await createStudy(
    store,
    {
      runId: 'bench',
      id: 'bench',
      mode: 'likert',
      raters,
      ratingsPerItem: Math.min(raters, 5),
      goldRate: 0,
      repeatRate: 0,
      filters: { generators: null, sets: null, categories: null, perStratum: null },
    },
    { media },
  );
  const list = await Promise.all(
    made.raters.map(async (r) => ({
      token: r.token,
      assignments: (await store.listAssignments({ studyId: 'bench', raterId: r.id })).map((a) => a.id),
    })),
  );
  await store.close();
  return list.filter((r) => r.assignments.length > 0);
}
