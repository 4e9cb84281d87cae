import type pg from 'pg';
import type { ScoreRecord, ScoreStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import { pgConstraintError, transaction } from './connection.js';

/** Metric scores in the Postgres store. */
export class PostgresScores implements ScoreStore {
  constructor(private readonly pool: pg.Pool) {}

  async putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void> {
    const at = isoNow();
    await transaction(this.pool, async (client) => {
      for (const s of scores) {
        try {
          await client.query(
            `INSERT INTO scores (generation_key, metric_id, metric_version, value, details, provenance, error, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (generation_key, metric_id, metric_version) DO UPDATE SET
               value = excluded.value, details = excluded.details, provenance = excluded.provenance,
               error = excluded.error, created_at = excluded.created_at`,
            [s.generationKey, s.metricId, s.metricVersion, s.value, JSON.stringify(s.details), JSON.stringify(s.provenance), s.error, at],
          );
        } catch (e) {
          throw pgConstraintError(e, { foreignKey: `cannot store a ${s.metricId} score for unknown generation "${s.generationKey}"` });
        }
      }
    });
  }

  async listScores(filter: { runId?: string; metricId?: string } = {}): Promise<ScoreRecord[]> {
    const params: string[] = [];
    const join =
      filter.runId === undefined
        ? ''
        : `JOIN run_generations rg ON rg.generation_key = s.generation_key AND rg.run_id = $${params.push(filter.runId)}`;
    const where = filter.metricId === undefined ? '' : `WHERE s.metric_id = $${params.push(filter.metricId)}`;
    const { rows: found } = await this.pool.query<rows.ScoreRow>(`SELECT s.* FROM scores s ${join} ${where} ORDER BY s.seq`, params);
    return found.map(rows.toScore);
  }
}
