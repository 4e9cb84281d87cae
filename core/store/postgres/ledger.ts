import type pg from 'pg';
import type { Budget, LedgerChange, LedgerEntry, LedgerFilter, LedgerOpen, LedgerStore, Reservation } from '../../types/index.js';
import { transaction } from './connection.js';
import { ledgerColumns, toLedgerEntry, type LedgerRow } from '../shared/row-mappers.js';
import { isoNow } from '../shared/migration.js';

const COLUMNS = ['job_id', 'detail', 'result_urls', 'result_expires_at', 'price_usd', 'media_hash', 'message'] as const;

const SPENT = `
  SELECT COALESCE(SUM(l.price_usd), 0) AS spent FROM ledger l
  JOIN run_generations rg ON rg.generation_key = l.generation_key AND rg.run_id = $1
  WHERE l.phase NOT IN ('failed', 'cancelled')`;

async function insert(db: Pick<pg.ClientBase, 'query'>, entry: LedgerOpen): Promise<number> {
  const columns = ledgerColumns(entry);
  const values = COLUMNS.map((c) => columns[c] ?? null);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO ledger (generation_key, generator_id, attempt, phase, ${COLUMNS.join(', ')}, created_at, updated_at)
     VALUES ($1, $2, $3, $4, ${COLUMNS.map((_, i) => `$${i + 5}`).join(', ')}, $12, $12) RETURNING id`,
    [entry.generationKey, entry.generatorId, entry.attempt, entry.phase, ...values, isoNow()],
  );
  return Number(rows[0]!.id);
}

/** The ledger of the Postgres store: single statements, committed before their promise resolves. */
export class PostgresLedger implements LedgerStore {
  constructor(private readonly pool: pg.Pool) {}

  async openLedgerEntry(entry: LedgerOpen): Promise<number> {
    return insert(this.pool, entry);
  }

  async reserveLedgerEntry(entry: LedgerOpen, budget: Budget): Promise<Reservation> {
    return transaction(this.pool, async (client) => {
      // One lock per run for the sum and the insert: workers of the run reserve one at a time.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`loupe-budget:${budget.runId}`]);
      const { rows } = await client.query<{ spent: number }>(SPENT, [budget.runId]);
      const spentUsd = Number(rows[0]!.spent);
      if (spentUsd + (entry.priceUsd ?? 0) > budget.usd + 1e-9) return { ok: false as const, spentUsd };
      return { ok: true as const, id: await insert(client, entry) };
    });
  }

  async updateLedgerEntry(id: number, change: LedgerChange): Promise<void> {
    const columns = Object.entries(ledgerColumns(change));
    const sets = columns.map(([c], i) => `${c} = $${i + 3}`);
    const result = await this.pool.query(`UPDATE ledger SET ${['updated_at = $2', ...sets].join(', ')} WHERE id = $1`, [
      id,
      isoNow(),
      ...columns.map(([, v]) => v),
    ]);
    if (result.rowCount === 0) throw new Error(`no ledger entry ${id}`);
  }

  async listLedger(filter: LedgerFilter = {}): Promise<LedgerEntry[]> {
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const join =
      filter.runId === undefined
        ? ''
        : `JOIN run_generations rg ON rg.generation_key = l.generation_key AND rg.run_id = ${param(filter.runId)}`;
    const conditions: string[] = [];
    if (filter.generationKey !== undefined) conditions.push(`l.generation_key = ${param(filter.generationKey)}`);
    if (filter.generatorId !== undefined) conditions.push(`l.generator_id = ${param(filter.generatorId)}`);
    if (filter.phases !== undefined) conditions.push(`l.phase = ANY(${param(filter.phases)}::text[])`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await this.pool.query<LedgerRow>(`SELECT l.* FROM ledger l ${join} ${where} ORDER BY l.id`, params);
    return rows.map(toLedgerEntry);
  }
}
