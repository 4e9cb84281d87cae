import type { CoordinatorLinkStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import type { Statements } from './statements.js';

/** The coordinator link's token hash in the SQLite store: the one row of `coordinator_link`. */
export class SqliteCoordinatorLink implements CoordinatorLinkStore {
  constructor(private readonly sql: Statements) {}

  async getCoordinatorTokenHash(): Promise<string | null> {
    return this.sql.get<{ token_hash: string }>('SELECT token_hash FROM coordinator_link WHERE id = 1')?.token_hash ?? null;
  }

  async createCoordinatorTokenHash(hash: string): Promise<boolean> {
    const sql = 'INSERT INTO coordinator_link (id, token_hash, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING';
    return this.sql.run(sql, hash, isoNow()) === 1;
  }

  async replaceCoordinatorTokenHash(hash: string): Promise<void> {
    this.sql.run(
      `INSERT INTO coordinator_link (id, token_hash, created_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      hash,
      isoNow(),
    );
  }
}
