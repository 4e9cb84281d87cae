import type { Budget, LedgerChange, LedgerEntry, LedgerFilter, LedgerOpen, LedgerStore, Reservation } from '../../types/index.js';
import { ledgerColumns, toLedgerEntry, type LedgerRow } from '../shared/row-mappers.js';
import { isoNow } from '../shared/migration.js';
import type { Statements } from './statements.js';

const INSERT = `
  INSERT INTO ledger (generation_key, generator_id, attempt, phase, job_id, detail, result_urls, result_expires_at,
    price_usd, media_hash, message, created_at, updated_at)
  VALUES (@generation_key, @generator_id, @attempt, @phase, @job_id, @detail, @result_urls, @result_expires_at,
    @price_usd, @media_hash, @message, @at, @at)`;

const SPENT = `
  SELECT COALESCE(SUM(l.price_usd), 0) AS spent FROM ledger l
  JOIN run_generations rg ON rg.generation_key = l.generation_key AND rg.run_id = @runId
  WHERE l.phase NOT IN ('failed', 'cancelled')`;

/** The ledger of the SQLite store; each write is committed (WAL) before its promise resolves. */
export class SqliteLedger implements LedgerStore {
  constructor(private readonly sql: Statements) {}

  async openLedgerEntry(entry: LedgerOpen): Promise<number> {
    return this.sql.writeTransaction(() => this.insert(entry));
  }

  async reserveLedgerEntry(entry: LedgerOpen, budget: Budget): Promise<Reservation> {
    // BEGIN IMMEDIATE: the sum and the insert hold the write lock, so two processes cannot both pass.
    return this.sql.writeTransaction(() => {
      const spentUsd = this.sql.get<{ spent: number }>(SPENT, { runId: budget.runId })!.spent;
      if (spentUsd + (entry.priceUsd ?? 0) > budget.usd + 1e-9) return { ok: false as const, spentUsd };
      return { ok: true as const, id: this.insert(entry) };
    });
  }

  private insert(entry: LedgerOpen): number {
    const empty = {
      job_id: null,
      detail: null,
      result_urls: null,
      result_expires_at: null,
      price_usd: null,
      media_hash: null,
      message: null,
    };
    const at = isoNow();
    this.sql.run(INSERT, {
      ...empty,
      ...ledgerColumns(entry),
      generation_key: entry.generationKey,
      generator_id: entry.generatorId,
      attempt: entry.attempt,
      at,
    });
    return this.sql.get<{ id: number }>('SELECT last_insert_rowid() AS id')!.id;
  }

  async updateLedgerEntry(id: number, change: LedgerChange): Promise<void> {
    const columns = ledgerColumns(change);
    const sets = Object.keys(columns).map((c) => `${c} = @${c}`);
    const changed = this.sql.run(`UPDATE ledger SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`, {
      ...columns,
      id,
      at: isoNow(),
    });
    if (changed === 0) throw new Error(`no ledger entry ${id}`);
  }

  async listLedger(filter: LedgerFilter = {}): Promise<LedgerEntry[]> {
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    const join = filter.runId === undefined ? '' : 'JOIN run_generations rg ON rg.generation_key = l.generation_key AND rg.run_id = @runId';
    if (filter.runId !== undefined) params.runId = filter.runId;
    if (filter.generationKey !== undefined) {
      conditions.push('l.generation_key = @key');
      params.key = filter.generationKey;
    }
    if (filter.generatorId !== undefined) {
      conditions.push('l.generator_id = @generatorId');
      params.generatorId = filter.generatorId;
    }
    if (filter.phases !== undefined) {
      const names = filter.phases.map((p, i) => {
        params[`phase${i}`] = p;
        return `@phase${i}`;
      });
      conditions.push(names.length > 0 ? `l.phase IN (${names.join(', ')})` : '0');
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.sql.all<LedgerRow>(`SELECT l.* FROM ledger l ${join} ${where} ORDER BY l.id`, params).map(toLedgerEntry);
  }
}
