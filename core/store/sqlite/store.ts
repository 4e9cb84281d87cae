import type Database from 'better-sqlite3';
import { SqliteCoordinatorLink } from './coordinator-link.js';
import { SqlitePromptQuestions } from './prompt-questions.js';
import { ComposedStore } from '../shared/composed-store.js';
import { openDatabase, type OpenSqliteOptions } from './connection.js';
import { userVersion } from './migrations.js';
import { SqlitePromptSets } from './prompt-sets.js';
import { SqliteRuns } from './runs.js';
import { SqliteGenerations } from './generations.js';
import { SqliteLedger } from './ledger.js';
import { SqliteScores } from './scores.js';
import { SqliteStudies } from './studies.js';
import { SqliteRatings } from './ratings.js';
import { SqliteTables } from './tables.js';
import { Statements } from './statements.js';

/**
 * Opens the SQLite store at `path` (`:memory:` for a throwaway one), creating the file and its
 * folder when missing and migrating the schema. A file that is not a Loupe database, or a
 * folder that cannot be written, fails here with an error that names it.
 */
export async function openSqliteStore(path: string, options?: OpenSqliteOptions): Promise<SqliteStore> {
  const { db, file, applied } = openDatabase(path, options);
  return new SqliteStore(db, file, applied);
}

/**
 * The one-machine `Store`: a SQLite file in WAL mode. better-sqlite3 is synchronous, so every
 * method finishes its work before its promise resolves; several processes may share the file
 * (claims are single guarded UPDATEs, writes take the lock up front).
 */
export class SqliteStore extends ComposedStore {
  readonly kind = 'sqlite';

  constructor(
    private readonly db: Database.Database,
    /** The absolute path of the database file. */
    readonly file: string,
    /** The migration versions this open applied; empty when the file was already current. */
    readonly appliedMigrations: readonly number[] = [],
  ) {
    const sql = new Statements(db);
    super({
      promptSets: new SqlitePromptSets(sql),
      runs: new SqliteRuns(sql),
      generations: new SqliteGenerations(sql),
      ledger: new SqliteLedger(sql),
      scores: new SqliteScores(sql),
      studies: new SqliteStudies(sql),
      ratings: new SqliteRatings(sql),
      coordinatorLink: new SqliteCoordinatorLink(sql),
      promptQuestions: new SqlitePromptQuestions(sql),
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async schemaVersion(): Promise<number> {
    return userVersion(this.db);
  }

  /** Whole-table access for `loupe db copy`. */
  tables(): SqliteTables {
    return new SqliteTables(this.db);
  }
}
