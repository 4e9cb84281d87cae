import {
  type AskedMedia,
  type Metric,
  type MetricInput,
  type MetricResult,
  type MediaStore,
  type Modality,
  type Prompt,
  type GenerationRecord,
  type ScoreRecord,
  type Store,
} from '../types/index.js';
import { askedMediaOf } from './asked-media.js';
import { promptKey } from './generate.js';
import type { RunEvent } from './run-events.js';

export interface ScoreOptions {
  store: Store;
  media: MediaStore;
  runId: string;
  metrics: readonly Metric[];
  /** Prompts by `${setId}/${promptId}`. */
  prompts: ReadonlyMap<string, Prompt>;
  stop: AbortSignal;
  batchSize?: number;
  onEvent?: (event: RunEvent) => void;
  /** What each generator was asked for (size, duration, rate); read from the run's stored config when not given. */
  asked?: (generatorId: string, modality: Modality) => AskedMedia | undefined;
}

/**
 * Scores the run's finished generations with each metric, skipping what this metric version
 * already scored. A prompt the metric does not apply to gets a null score with the reason, so
 * that it is not asked again; a file the metric cannot read gets a null score with the error.
 */
export async function scoreRun(options: ScoreOptions): Promise<void> {
  const { store, runId, stop, onEvent } = options;
  const done = await store.listGenerations({ runId, status: 'done' });
  const existing = await store.listScores({ runId });
  const asked = options.asked ?? askedMediaOf((await store.getRun(runId))?.config);
  for (const metric of options.metrics) {
    if (stop.aborted) break;
    const scored = new Set(
      existing.filter((s) => s.metricId === metric.id && s.metricVersion === metric.version).map((s) => s.generationKey),
    );
    const todo = done.filter((g) => !scored.has(g.key) && metric.modalities.includes(g.modality));
    onEvent?.({ type: 'score-start', metricId: metric.id, todo: todo.length });
    if (todo.length === 0) continue;
    const provenance = await metric.provenance();
    // Many inference batches per call: a metric prepares the next batch while one runs, and the
    // pipeline drains at the end of each call (bench:metrics, 1000 images: 64 per call 75% of the
    // raw session, 256 per call 86%). A stop loses at most one call's scores.
    const batchSize = options.batchSize ?? 256;
    for (let i = 0; i < todo.length && !stop.aborted; i += batchSize) {
      const rows = await scoreBatch(metric, todo.slice(i, i + batchSize), { ...options, asked }, provenance);
      await store.putScores(rows);
      onEvent?.({ type: 'scored', metricId: metric.id, count: rows.length, errors: rows.filter((r) => r.error).length });
    }
  }
  onEvent?.({ type: 'score-end', stopped: stop.aborted });
}

type NewScore = Omit<ScoreRecord, 'createdAt'>;

/** One metric's scores for a batch of finished generations (not yet stored). */
export async function scoreBatch(
  metric: Metric,
  batch: GenerationRecord[],
  options: Pick<ScoreOptions, 'prompts' | 'media'> & Required<Pick<ScoreOptions, 'asked'>>,
  provenance: Record<string, unknown>,
): Promise<NewScore[]> {
  const row = (g: GenerationRecord, value: number | null, details: Record<string, unknown>, error: string | null): NewScore => ({
    generationKey: g.key,
    metricId: metric.id,
    metricVersion: metric.version,
    value,
    details,
    provenance,
    error,
  });
  const rows: NewScore[] = [];
  const inputs: MetricInput[] = [];
  const owners: GenerationRecord[] = [];
  for (const g of batch) {
    const prompt = options.prompts.get(promptKey(g.promptSetId, g.promptId));
    if (!prompt) {
      rows.push(row(g, null, {}, `prompt ${g.promptSetId}/${g.promptId} is not in this run's prompt sets`));
      continue;
    }
    if (!metric.appliesTo(prompt, g.language, g.modality)) {
      rows.push(row(g, null, { notApplicable: true }, null));
      continue;
    }
    try {
      const path = await options.media.localPath(g.mediaHash!);
      inputs.push({
        path,
        mime: g.mime!,
        mediaHash: g.mediaHash!,
        modality: g.modality,
        prompt,
        language: g.language,
        text: g.text,
        asked: options.asked?.(g.generatorId, g.modality),
        generationKey: g.key,
        promptSet: { id: g.promptSetId, version: g.promptSetVersion },
      });
      owners.push(g);
    } catch (e) {
      rows.push(row(g, null, {}, `media ${g.mediaHash} is missing: ${(e as Error).message}`));
    }
  }
  if (inputs.length > 0) {
    const results = await metric.score(inputs);
    // A failure's category goes with its details (the score row has one error column).
    const detailsOf = (r: MetricResult) => (r.category === undefined ? r.details : { ...r.details, errorCategory: r.category });
    results.forEach((r, k) => rows.push(row(owners[k]!, r.value, detailsOf(r), r.error ?? null)));
  }
  return rows;
}
