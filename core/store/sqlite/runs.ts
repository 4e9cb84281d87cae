import type { RunRecord, RunStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import type { Statements } from './statements.js';

/** Runs in the SQLite store. */
export class SqliteRuns implements RunStore {
  constructor(private readonly sql: Statements) {}

  async openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }> {
    return this.sql.writeTransaction(() => {
      const existing = this.runRow(id);
      if (existing) return { run: rows.toRun(existing), resumed: true };
      const at = isoNow();
      this.sql.run(
        'INSERT INTO runs (id, config, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        id,
        rows.toJsonText(config),
        'planned',
        at,
        at,
      );
      return { run: rows.toRun(this.runRow(id)!), resumed: false };
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = this.runRow(id);
    return row && rows.toRun(row);
  }

  async listRuns(): Promise<RunRecord[]> {
    return this.sql.all<rows.RunRow>('SELECT * FROM runs ORDER BY created_at, rowid').map(rows.toRun);
  }

  async setRunStatus(id: string, status: RunRecord['status']): Promise<void> {
    const changes = this.sql.run('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?', status, isoNow(), id);
    if (changes === 0) throw new Error(`unknown run "${id}"`);
  }

  private runRow(id: string): rows.RunRow | undefined {
    return this.sql.get<rows.RunRow>('SELECT * FROM runs WHERE id = ?', id);
  }
}
