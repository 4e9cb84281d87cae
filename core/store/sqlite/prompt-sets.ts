import { DataError, type PromptSet, type PromptSetStore, type StoredPromptSet } from '../../types/index.js';
import { canonicalJson, sha256Hex } from '../shared/canonical-json.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import type { Statements } from './statements.js';

/** Prompt sets in the SQLite store. */
export class SqlitePromptSets implements PromptSetStore {
  constructor(private readonly sql: Statements) {}

  async putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }> {
    const json = canonicalJson(set);
    const hash = sha256Hex(json);
    return this.sql.writeTransaction(() => {
      const stored = this.sql.get<{ content_hash: string }>(
        'SELECT content_hash FROM prompt_sets WHERE id = ? AND version = ?',
        set.id,
        set.version,
      );
      if (stored?.content_hash === hash) return { created: false };
      if (stored) {
        const latest = this.sql.get<{ v: number }>('SELECT max(version) AS v FROM prompt_sets WHERE id = ?', set.id)?.v ?? set.version;
        throw DataError.one(source, {
          field: 'version',
          message: `prompt set "${set.id}" version ${set.version} is already stored with different content; a changed wording needs a new version (use version ${latest + 1})`,
        });
      }
      this.sql.run(
        'INSERT INTO prompt_sets (id, version, content_hash, json, source, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        set.id,
        set.version,
        hash,
        json,
        source,
        isoNow(),
      );
      return { created: true };
    });
  }

  async getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined> {
    const row =
      version === undefined
        ? this.sql.get<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = ? ORDER BY version DESC LIMIT 1', id)
        : this.sql.get<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = ? AND version = ?', id, version);
    return row && rows.toStoredPromptSet(row);
  }

  async listPromptSets(): Promise<StoredPromptSet[]> {
    return this.sql.all<rows.PromptSetRow>('SELECT * FROM prompt_sets ORDER BY id, version').map(rows.toStoredPromptSet);
  }
}
