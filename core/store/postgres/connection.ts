import pg from 'pg';
import { redactUrl } from '../store-spec.js';

const { types } = pg;

// Rows come back in the shape the shared row mappers read (the SQLite shape): jsonb as its
// text, int8 as a number (seeds and ids stay far below 2^53), timestamptz as the ISO string
// JavaScript writes (millisecond precision, `Z`), exactly what the SQLite store returns.
const OID = { int8: 20, jsonb: 3802, timestamptz: 1184 };
const parseTimestamp = types.getTypeParser(OID.timestamptz, 'text') as (v: string) => Date;

const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.jsonb) return (v: string) => v;
    if (oid === OID.int8) return (v: string) => Number(v);
    if (oid === OID.timestamptz) return (v: string) => parseTimestamp(v).toISOString();
    return types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections kept open at most (10 by default). */
  max?: number;
}

/** A pool for `url`; libpq's environment variables (PGPASSWORD, PGSSLMODE, ...) fill what the URL leaves out. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: TYPES });
  // An idle connection that breaks (server restart) is dropped by the pool; without a listener
  // the error event would crash the process. The next query reports the problem to its caller.
  pool.on('error', () => undefined);
  return pool;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Runs `fn` on one connection inside BEGIN ... COMMIT, rolling back when it throws. */
export async function transaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // A connection that cannot even roll back is not given to the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw e;
  } finally {
    client.release(broken);
  }
}

/** Turns a constraint violation into an error that says what was wrong; anything else passes through. */
export function pgConstraintError(e: unknown, messages: { foreignKey?: string; unique?: string }): unknown {
  const code = (e as { code?: unknown }).code;
  if (code === '23503' && messages.foreignKey) return new Error(messages.foreignKey, { cause: e });
  if (code === '23505' && messages.unique) return new Error(messages.unique, { cause: e });
  return e;
}

/**
 * Whether opening failed before Loupe could talk to the database: a network error (ECONNREFUSED,
 * ENOTFOUND: no SQLSTATE) or SQLSTATE class 08 (connection), 28 (authentication) or 3D (no such database).
 */
export function isConnectionProblem(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return !/^[0-9A-Z]{5}$/.test(code) || /^(08|28|3D)/.test(code);
}

/** A connection failure that names the server (without its password) and what to check. */
export function connectError(e: unknown, url: string): Error {
  const detail = (e as Error).message || String((e as { code?: unknown }).code ?? e);
  return new Error(
    `cannot open the Postgres store ${redactUrl(url)}: ${detail}; check that the server runs and the user, password (PGPASSWORD) and database are right`,
    { cause: e },
  );
}
