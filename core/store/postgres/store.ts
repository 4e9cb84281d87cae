import type pg from 'pg';
import { PostgresCoordinatorLink } from './coordinator-link.js';
import { PostgresPromptQuestions } from './prompt-questions.js';
import { ComposedStore } from '../shared/composed-store.js';
import { checkCurrentSchema, type Migration } from '../shared/migration.js';
import { redactUrl } from '../store-spec.js';
import { connectError, createPool, isConnectionProblem, type PoolOptions } from './connection.js';
import { currentVersion, existingVersion, migratePostgres, PG_MIGRATIONS } from './migrations.js';
import { PostgresPromptSets } from './prompt-sets.js';
import { PostgresRuns } from './runs.js';
import { PostgresGenerations } from './generations.js';
import { PostgresLedger } from './ledger.js';
import { PostgresScores } from './scores.js';
import { PostgresStudies } from './studies.js';
import { PostgresRatings } from './ratings.js';
import { PostgresTables } from './tables.js';

export interface OpenPostgresOptions extends PoolOptions {
  /** The schema steps; tests pass their own list to exercise upgrades. */
  migrations?: readonly Migration[];
  /** false: open a database already at the current schema only, changing nothing (another workspace's store). */
  migrate?: boolean;
}

/** Connects to the database at `url` and migrates it (unless `migrate: false`); a server that cannot be reached fails here, naming it without its password. */
export async function openPostgresStore(url: string, options: OpenPostgresOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
    if (options.migrate === false) {
      checkCurrentSchema(redactUrl(url), await existingVersion(pool), options.migrations ?? PG_MIGRATIONS);
      return new PostgresStore(pool);
    }
    const applied = await migratePostgres(pool, url, options.migrations);
    return new PostgresStore(pool, applied);
  } catch (e) {
    await pool.end();
    throw isConnectionProblem(e) ? connectError(e, url) : e;
  }
}

/**
 * The team `Store`: one Postgres database shared by many processes and machines. Every method
 * that writes several rows runs in one transaction; claims are single guarded UPDATEs.
 */
export class PostgresStore extends ComposedStore {
  readonly kind = 'postgres';
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The migration versions this open applied; empty when the database was already current. */
    readonly appliedMigrations: readonly number[] = [],
  ) {
    super({
      promptSets: new PostgresPromptSets(pool),
      runs: new PostgresRuns(pool),
      generations: new PostgresGenerations(pool),
      ledger: new PostgresLedger(pool),
      scores: new PostgresScores(pool),
      studies: new PostgresStudies(pool),
      ratings: new PostgresRatings(pool),
      coordinatorLink: new PostgresCoordinatorLink(pool),
      promptQuestions: new PostgresPromptQuestions(pool),
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  async schemaVersion(): Promise<number> {
    return currentVersion(this.pool);
  }

  /** Whole-table access for `loupe db copy`. */
  tables(): PostgresTables {
    return new PostgresTables(this.pool);
  }
}
