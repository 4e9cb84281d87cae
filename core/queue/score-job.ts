import type { Job } from 'bullmq';
import { askedMediaOf, scoreBatch } from '../run/index.js';
import { type MediaStore, type Metric, type Prompt, type Store } from '../types/index.js';

/** A scoring job: many finished generations for one metric version, scored in one `score()` call. */
export interface ScoreJobData {
  metricId: string;
  metricVersion: string;
  keys: string[];
}

export interface ScoreJobContext {
  runId: string;
  store: Store;
  media: MediaStore;
  metrics: readonly Metric[];
  prompts: ReadonlyMap<string, Prompt>;
}

/**
 * The processor of scoring jobs: the job's generations through its metric in one batch, as
 * `loupe score` does (the same `scoreBatch`, so the same rows), written once the whole batch is
 * scored. A worker killed mid-batch has written nothing of it; the worker that takes the job over
 * scores it all again, and putScores replaces by (generation, metric, version), so a batch run
 * twice never leaves a second row.
 */
export function scoreProcessor(ctx: ScoreJobContext): (job: Job<ScoreJobData>) => Promise<void> {
  const metrics = new Map(ctx.metrics.map((m) => [m.id, m]));
  const provenance = new Map<string, Promise<Record<string, unknown>>>();
  const provenanceOf = (m: Metric) => {
    if (!provenance.has(m.id)) provenance.set(m.id, m.provenance());
    return provenance.get(m.id)!;
  };
  // What each generator was asked for, from the run's stored config, as `loupe score` reads it.
  let asked: Promise<ReturnType<typeof askedMediaOf>> | undefined;
  return async (job) => {
    const { metricId, metricVersion, keys } = job.data;
    const metric = metrics.get(metricId);
    if (metric?.version !== metricVersion) {
      const has = metric ? `version ${metric.version}` : `only ${[...metrics.keys()].join(', ') || 'no metrics'}`;
      throw new Error(
        `this worker cannot score ${metricId} version ${metricVersion}: its config selects ${has}; start workers with the config \`loupe run\` used`,
      );
    }
    const found = await Promise.all(keys.map((key) => ctx.store.getGeneration(key)));
    const batch = found.filter((g) => g?.status === 'done' && metric.modalities.includes(g.modality)).map((g) => g!);
    if (batch.length === 0) return;
    asked ??= ctx.store.getRun(ctx.runId).then((run) => askedMediaOf(run?.config));
    await ctx.store.putScores(await scoreBatch(metric, batch, { ...ctx, asked: await asked }, await provenanceOf(metric)));
  };
}
