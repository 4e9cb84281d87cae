import type pg from 'pg';
import { DataError, type PromptSet, type PromptSetStore, type StoredPromptSet } from '../../types/index.js';
import { canonicalJson, sha256Hex } from '../shared/canonical-json.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';

/** Prompt sets in the Postgres store. */
export class PostgresPromptSets implements PromptSetStore {
  constructor(private readonly pool: pg.Pool) {}

  async putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }> {
    const json = canonicalJson(set);
    const hash = sha256Hex(json);
    const inserted = await this.pool.query(
      'INSERT INTO prompt_sets (id, version, content_hash, json, source, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [set.id, set.version, hash, json, source, isoNow()],
    );
    if (inserted.rowCount === 1) return { created: true };
    const { rows: stored } = await this.pool.query<{ content_hash: string; latest: number }>(
      'SELECT content_hash, (SELECT max(version) FROM prompt_sets WHERE id = $1) AS latest FROM prompt_sets WHERE id = $1 AND version = $2',
      [set.id, set.version],
    );
    if (stored[0]?.content_hash === hash) return { created: false };
    throw DataError.one(source, {
      field: 'version',
      message: `prompt set "${set.id}" version ${set.version} is already stored with different content; a changed wording needs a new version (use version ${(stored[0]?.latest ?? set.version) + 1})`,
    });
  }

  async getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined> {
    const { rows: found } =
      version === undefined
        ? await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = $1 ORDER BY version DESC LIMIT 1', [id])
        : await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = $1 AND version = $2', [id, version]);
    return found[0] && rows.toStoredPromptSet(found[0]);
  }

  async listPromptSets(): Promise<StoredPromptSet[]> {
    return (await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets ORDER BY id, version')).rows.map(rows.toStoredPromptSet);
  }
}
