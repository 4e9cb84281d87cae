import type pg from 'pg';
import type { CoordinatorLinkStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';

/** The coordinator link's token hash in the Postgres store: the one row of `coordinator_link`. */
export class PostgresCoordinatorLink implements CoordinatorLinkStore {
  constructor(private readonly pool: pg.Pool) {}

  async getCoordinatorTokenHash(): Promise<string | null> {
    const { rows } = await this.pool.query<{ token_hash: string }>('SELECT token_hash FROM coordinator_link WHERE id = 1');
    return rows[0]?.token_hash ?? null;
  }

  async createCoordinatorTokenHash(hash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO coordinator_link (id, token_hash, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING',
      [hash, isoNow()],
    );
    return rowCount === 1;
  }

  async replaceCoordinatorTokenHash(hash: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO coordinator_link (id, token_hash, created_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
      [hash, isoNow()],
    );
  }
}
