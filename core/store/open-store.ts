import type { OpenSqliteOptions } from './sqlite/connection.js';
import { openSqliteStore, type SqliteStore } from './sqlite/store.js';
import { openPostgresStore, type OpenPostgresOptions, type PostgresStore } from './postgres/store.js';
import { parseStoreSpec } from './store-spec.js';

export interface OpenStoreOptions {
  /** Names the spec's origin in errors, e.g. `--from` or `store.postgres`. */
  label?: string;
  sqlite?: OpenSqliteOptions;
  postgres?: OpenPostgresOptions;
}

/** Every store Loupe can open; both can also read and write whole tables (`loupe db copy`). */
export type LoupeStore = SqliteStore | PostgresStore;

/**
 * Opens the store a spec names, migrated to the latest schema: `postgres://...` or
 * `postgresql://...` for Postgres, `sqlite:<path>` or a plain path for SQLite.
 */
export async function openStore(spec: string, opts: OpenStoreOptions = {}): Promise<LoupeStore> {
  const parsed = parseStoreSpec(spec, opts.label);
  return parsed.kind === 'postgres' ? openPostgresStore(parsed.url, opts.postgres) : openSqliteStore(parsed.path, opts.sqlite);
}
