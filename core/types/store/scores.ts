export interface ScoreRecord {
  generationKey: string;
  metricId: string;
  metricVersion: string;
  value: number | null;
  details: Record<string, unknown>;
  provenance: Record<string, unknown>;
  error: string | null;
  createdAt: string;
}

export interface ScoreStore {
  /** Writes scores; an existing (generation, metric, version) is replaced. */
  putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void>;
  listScores(filter?: { runId?: string; metricId?: string }): Promise<ScoreRecord[]>;
}
