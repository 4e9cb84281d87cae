import type { OpenSqliteOptions } from './sqlite/connection.js';
import { openSqliteStore, type SqliteStore } from './sqlite/store.js';
import { openPostgresStore, type OpenPostgresOptions, type PostgresStore } from './postgres/store.js';
import { parseStoreSpec } from './store-spec.js';

export interface OpenStoreOptions {
  /** Names the spec's origin in errors, e.g. `--from` or `store.postgres`. */
  label?: string;
  sqlite?: OpenSqliteOptions;
  postgres?: OpenPostgresOptions;
  /** false: the store must exist at the current schema; nothing is created, migrated or changed by opening it (another workspace's store). */
  migrate?: boolean;
}

/** Every store Loupe can open; both can also read and write whole tables (`loupe db copy`). */
export type LoupeStore = SqliteStore | PostgresStore;

/**
 * Opens the store a spec names, migrated to the latest schema: `postgres://...` or
 * `postgresql://...` for Postgres, `sqlite:<path>` or a plain path for SQLite.
 */
export async function openStore(spec: string, opts: OpenStoreOptions = {}): Promise<LoupeStore> {
  const parsed = parseStoreSpec(spec, opts.label);
  const migrate = opts.migrate === false ? { migrate: false } : {};
  return parsed.kind === 'postgres'
    ? openPostgresStore(parsed.url, { ...opts.postgres, ...migrate })
    : openSqliteStore(parsed.path, { ...opts.sqlite, ...migrate });
}

/** Like `openStore`, with every error starting with `label` (the flag that gave the spec), so the user knows which store to fix. */
export async function openLabelledStore(spec: string, label: string, opts: Omit<OpenStoreOptions, 'label'> = {}): Promise<LoupeStore> {
  try {
    return await openStore(spec, { ...opts, label });
  } catch (e) {
    const message = (e as Error).message;
    throw message.startsWith(label) ? e : new Error(`${label}: ${message}`, { cause: e });
  }
}
