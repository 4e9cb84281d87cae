import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataError } from '../../types/index.js';
import { migrate, MIGRATIONS, userVersion } from './migrations.js';
import { checkCurrentSchema, type Migration } from '../shared/migration.js';

export interface OpenSqliteOptions {
  /** How long a write waits for another process's lock before failing, in milliseconds. */
  busyTimeoutMs?: number;
  /** The schema steps; tests pass their own list to exercise upgrades. */
  migrations?: readonly Migration[];
  /** false: open an existing file at the current schema only, creating and migrating nothing (another workspace's store). */
  migrate?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  /** The absolute file path, or `:memory:`. */
  file: string;
  /** Migration versions applied by this open; empty when the file was already current. */
  applied: number[];
}

const NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Opens (creating when missing) a SQLite database ready for Loupe: WAL, foreign keys,
 * a busy timeout, and the schema migrated to the latest version; with `migrate: false`, an
 * existing file already at the latest version, or an error that says why not.
 */
export function openDatabase(path: string, options: OpenSqliteOptions = {}): OpenedDatabase {
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);
  const existing = options.migrate === false;
  if (existing && !memory && !existsSync(file)) throw new Error(`${file} does not exist`);
  if (!memory && !existing) ensureFolder(dirname(file));
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // WAL lets raters read while a generation run writes; busy_timeout makes a second writer
    // (another `loupe` process) wait for the lock instead of failing at once with SQLITE_BUSY.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Before the journal mode, which writes to the file: a refused file is left byte for byte as it was.
    if (existing) checkCurrentSchema(file, userVersion(db), options.migrations ?? MIGRATIONS);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const applied = existing ? [] : migrate(db, file, options.migrations);
    return { db, file, applied };
  } catch (e) {
    db?.close();
    throw explainOpenError(e, file);
  }
}

function ensureFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new Error(`cannot create the folder for the Loupe database: ${folder} (${code}); choose a store path in a writable folder`, {
      cause: e,
    });
  }
}

function explainOpenError(e: unknown, file: string): unknown {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e;
  if (NOT_A_DATABASE.has(code)) {
    return DataError.one(file, {
      message: `not a valid Loupe database: the file is not SQLite or is damaged (${code}). Move it away to start a new store, or point the store path to the right file`,
    });
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new Error(`cannot open the Loupe database ${file} for writing (${code}); check that the folder ${dirname(file)} is writable`, {
      cause: e,
    });
  }
  return e;
}
