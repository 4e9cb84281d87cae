import type { Job } from 'bullmq';
import { askedMediaOf, scoreBatch } from '../run/index.js';
import { type MediaStore, type Metric, type Prompt, type Store } from '../types/index.js';

export interface ScoreJobData {
  key: string;
}

export interface ScoreJobContext {
  runId: string;
  store: Store;
  media: MediaStore;
  metrics: readonly Metric[];
  prompts: ReadonlyMap<string, Prompt>;
}

/**
 * The processor of scoring jobs: one finished generation, every metric of the run's config
 * that takes its modality, the same rows as `loupe score` writes (putScores replaces, so a
 * job run twice writes the same scores again).
 */
export function scoreProcessor(ctx: ScoreJobContext): (job: Job<ScoreJobData>) => Promise<void> {
  const provenance = new Map<string, Promise<Record<string, unknown>>>();
  const provenanceOf = (m: Metric) => {
    if (!provenance.has(m.id)) provenance.set(m.id, m.provenance());
    return provenance.get(m.id)!;
  };
  // What each generator was asked for, from the run's stored config, as `loupe score` reads it.
  let asked: Promise<ReturnType<typeof askedMediaOf>> | undefined;
  return async (job) => {
    const generation = await ctx.store.getGeneration(job.data.key);
    if (generation?.status !== 'done') return;
    asked ??= ctx.store.getRun(ctx.runId).then((run) => askedMediaOf(run?.config));
    for (const metric of ctx.metrics) {
      if (!metric.modalities.includes(generation.modality)) continue;
      const rows = await scoreBatch(metric, [generation], { ...ctx, asked: await asked }, await provenanceOf(metric));
      await ctx.store.putScores(rows);
    }
  };
}
