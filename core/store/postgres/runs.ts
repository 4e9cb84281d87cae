import type pg from 'pg';
import type { RunRecord, RunStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';

/** Runs in the Postgres store. */
export class PostgresRuns implements RunStore {
  constructor(private readonly pool: pg.Pool) {}

  async openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }> {
    const at = isoNow();
    const { rows: created } = await this.pool.query<rows.RunRow>(
      "INSERT INTO runs (id, config, status, created_at, updated_at) VALUES ($1, $2, 'planned', $3, $3) ON CONFLICT (id) DO NOTHING RETURNING *",
      [id, rows.toJsonText(config), at],
    );
    if (created[0]) return { run: rows.toRun(created[0]), resumed: false };
    return { run: (await this.getRun(id))!, resumed: true };
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const { rows: found } = await this.pool.query<rows.RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    return found[0] && rows.toRun(found[0]);
  }

  async listRuns(): Promise<RunRecord[]> {
    return (await this.pool.query<rows.RunRow>('SELECT * FROM runs ORDER BY created_at, seq')).rows.map(rows.toRun);
  }

  async setRunStatus(id: string, status: RunRecord['status']): Promise<void> {
    const { rowCount } = await this.pool.query('UPDATE runs SET status = $1, updated_at = $2 WHERE id = $3', [status, isoNow(), id]);
    if (rowCount === 0) throw new Error(`unknown run "${id}"`);
  }
}
