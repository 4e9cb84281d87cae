import type { ScoreRecord } from '../../core/types/index.js';

/** A stored score of version 1 with no details, provenance or error: what most report and study fixtures need. */
export function scoreRecord(metricId: string, generationKey: string, value: number | null): Omit<ScoreRecord, 'createdAt'> {
  return { generationKey, metricId, metricVersion: '1', value, details: {}, provenance: {}, error: null };
}
