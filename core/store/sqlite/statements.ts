import type Database from 'better-sqlite3';

type Params = unknown[];

/** Prepared statements, each prepared once per connection, with typed helpers. */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get<T>(sql: string, ...params: Params): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: Params): T[] {
    return this.prepare(sql).all(...params) as T[];
  }

  /** The rows one at a time: a long result is never two arrays (the rows and what they are mapped to) at once. */
  iterate<T>(sql: string, ...params: Params): IterableIterator<T> {
    return this.prepare(sql).iterate(...params) as IterableIterator<T>;
  }

  /** Runs a write; returns the number of rows it changed. */
  run(sql: string, ...params: Params): number {
    return this.prepare(sql).run(...params).changes;
  }

  /**
   * Runs `fn` in a transaction that takes the write lock first (BEGIN IMMEDIATE). A deferred
   * transaction that reads and then writes can fail with SQLITE_BUSY when another process wrote
   * in between, and busy_timeout cannot help it; taking the lock up front makes it wait instead.
   */
  writeTransaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

/** Turns a constraint failure into an error that says what was wrong; anything else passes through. */
export function constraintError(e: unknown, messages: { foreignKey?: string; unique?: string }): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && messages.foreignKey) return new Error(messages.foreignKey, { cause: e });
  if ((code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') && messages.unique) {
    return new Error(messages.unique, { cause: e });
  }
  return e;
}
