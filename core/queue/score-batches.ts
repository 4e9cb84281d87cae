import type { GenerationRecord, Metric, ScoreRecord } from '../types/index.js';
import { scoreJobId } from './queue-names.js';
import type { ScoreJobData } from './score-job.js';

/**
 * Generations per scoring job. A job is one `score()` call, in which a model metric overlaps
 * decoding with inference; the pipeline drains at the end of each call, so a call should be
 * long (bench:metrics: 64 per call reach 75% of the raw session, 256 reach 86%), yet short
 * enough that several workers share a metric's work and a killed worker's batch is quick to redo.
 */
export const SCORE_BATCH = 128;

export interface ScoreBatchJob {
  id: string;
  data: ScoreJobData;
}

/**
 * The scoring jobs of a run: for each metric, the finished generations of a modality it takes
 * that this metric version has not scored, in the store's order (as `loupe score` takes them),
 * cut into batches of `size`.
 */
export function scoreBatchJobs(
  done: readonly GenerationRecord[],
  scores: readonly Pick<ScoreRecord, 'generationKey' | 'metricId' | 'metricVersion'>[],
  metrics: readonly Metric[],
  size = SCORE_BATCH,
): ScoreBatchJob[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`a scoring batch holds at least 1 generation, not ${size}`);
  const scored = new Set(scores.map((s) => `${s.generationKey}|${s.metricId}|${s.metricVersion}`));
  const jobs: ScoreBatchJob[] = [];
  for (const metric of metrics) {
    const keys = done
      .filter((g) => metric.modalities.includes(g.modality) && !scored.has(`${g.key}|${metric.id}|${metric.version}`))
      .map((g) => g.key);
    for (let i = 0; i < keys.length; i += size) {
      const batch = keys.slice(i, i + size);
      jobs.push({
        id: scoreJobId(metric.id, metric.version, batch),
        data: { metricId: metric.id, metricVersion: metric.version, keys: batch },
      });
    }
  }
  return jobs;
}
