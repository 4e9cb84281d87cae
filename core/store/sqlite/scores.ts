import type { ScoreRecord, ScoreStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import { constraintError, type Statements } from './statements.js';

/** Metric scores in the SQLite store. */
export class SqliteScores implements ScoreStore {
  constructor(private readonly sql: Statements) {}

  async putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void> {
    const at = isoNow();
    this.sql.writeTransaction(() => {
      for (const s of scores) {
        try {
          this.sql.run(
            `INSERT INTO scores (generation_key, metric_id, metric_version, value, details, provenance, error, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (generation_key, metric_id, metric_version) DO UPDATE SET
               value = excluded.value, details = excluded.details, provenance = excluded.provenance,
               error = excluded.error, created_at = excluded.created_at`,
            s.generationKey,
            s.metricId,
            s.metricVersion,
            s.value,
            JSON.stringify(s.details),
            JSON.stringify(s.provenance),
            s.error,
            at,
          );
        } catch (e) {
          throw constraintError(e, { foreignKey: `cannot store a ${s.metricId} score for unknown generation "${s.generationKey}"` });
        }
      }
    });
  }

  async listScores(filter: { runId?: string; metricId?: string } = {}): Promise<ScoreRecord[]> {
    const join = filter.runId === undefined ? '' : 'JOIN run_generations rg ON rg.generation_key = s.generation_key AND rg.run_id = @runId';
    const where = filter.metricId === undefined ? '' : 'WHERE s.metric_id = @metricId';
    return this.sql.all<rows.ScoreRow>(`SELECT s.* FROM scores s ${join} ${where} ORDER BY s.rowid`, filter).map(rows.toScore);
  }
}
