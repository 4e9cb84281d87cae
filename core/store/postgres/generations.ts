import type pg from 'pg';
import type {
  GenerationFilter,
  GenerationOutcome,
  GenerationRecord,
  GenerationCount,
  GenerationState,
  GenerationStore,
  PlannedGeneration,
} from '../../types/index.js';
import {
  GENERATION_STATE_COLUMNS,
  plannedParams,
  toGeneration,
  toGenerationStates,
  toGenerationCount,
  COUNT_GENERATIONS,
  type GenerationCountRow,
  type GenerationRow,
  type GenerationStateRow,
} from '../shared/row-mappers.js';
import { isoNow } from '../shared/migration.js';
import { transaction } from './connection.js';

const PLANNED_COLUMNS = [
  'key',
  'generator_id',
  'generator_type',
  'prompt_set_id',
  'prompt_set_version',
  'prompt_id',
  'category',
  'language',
  'text',
  'seed',
  'sample',
  'modality',
] as const;
const ARRAY_TYPES = ['text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'bigint', 'int', 'text'];

// One statement for the whole plan: each column is an array parameter, unnested in order so
// that ids follow planning order; a key planned before is left as it is.
const INSERT_PLANNED = `
  INSERT INTO generations (${PLANNED_COLUMNS.join(', ')}, status, attempts, created_at, updated_at)
  SELECT ${PLANNED_COLUMNS.map((c) => `u.${c}`).join(', ')}, 'pending', 0, $13, $13
  FROM unnest(${ARRAY_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) WITH ORDINALITY AS u(${PLANNED_COLUMNS.join(', ')}, ord)
  ORDER BY u.ord
  ON CONFLICT (key) DO NOTHING`;

// One guarded UPDATE. Two claims of the same row serialize on its row lock; the second then
// re-checks the WHERE against the committed row, finds it running for someone else, and matches nothing.
const CLAIM = `
  UPDATE generations
  SET status = 'running', attempts = attempts + 1, claimed_by = $2, claimed_at = $3, updated_at = $3
  WHERE key = $1 AND (status IN ('pending', 'failed') OR (status = 'running' AND claimed_by = $2))`;

const FINISH_DONE = `
  UPDATE generations
  SET status = 'done', media_hash = $2, mime = $3, width = $4, height = $5, duration_sec = $6, fps = $7,
    latency_ms = $8, cost_usd = $9, provider_ids = $10, error_category = NULL, error_message = NULL,
    claimed_by = NULL, claimed_at = NULL, updated_at = $11
  WHERE key = $1`;

const FINISH_FAILED = `
  UPDATE generations
  SET status = 'failed', error_category = $2, error_message = $3, latency_ms = $4,
    media_hash = NULL, mime = NULL, width = NULL, height = NULL, duration_sec = NULL, fps = NULL,
    cost_usd = NULL, provider_ids = $6, claimed_by = NULL, claimed_at = NULL, updated_at = $5
  WHERE key = $1`;

/**
 * The generation queue of the Postgres store. Claims are not tied to a process the database can
 * see: a claim stays until its owner finishes the generation or someone calls
 * `releaseClaims(owner)` (the runner does that for dead `host:pid` owners of its own host).
 */
export class PostgresGenerations implements GenerationStore {
  constructor(private readonly pool: pg.Pool) {}

  async planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }> {
    return transaction(this.pool, async (client) => {
      const run = await client.query('SELECT 1 FROM runs WHERE id = $1 FOR SHARE', [runId]);
      if (run.rowCount === 0) throw new Error(`cannot plan generations for unknown run "${runId}": open the run first`);
      // A resume plans the same keys again: those already in the run are in the store, and are not sent again
      // (160,000 rows to insert and find conflicting cost the server far more than reading the run's keys).
      const linked = await client.query<{ k: string }>('SELECT generation_key AS k FROM run_generations WHERE run_id = $1', [runId]);
      const known = new Set(linked.rows.map((r) => r.k));
      const fresh = planned.filter((g) => !known.has(g.key));
      if (fresh.length === 0) return { added: 0, existing: planned.length };
      const params = fresh.map(plannedParams);
      const columns = PLANNED_COLUMNS.map((c) => params.map((p) => p[c]));
      const inserted = await client.query(INSERT_PLANNED, [...columns, isoNow()]);
      await client.query(
        'INSERT INTO run_generations (run_id, generation_key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING',
        [runId, fresh.map((g) => g.key)],
      );
      const added = inserted.rowCount ?? 0;
      return { added, existing: planned.length - added };
    });
  }

  async claimGeneration(key: string, owner: string): Promise<boolean> {
    return (await this.pool.query(CLAIM, [key, owner, isoNow()])).rowCount === 1;
  }

  async releaseClaim(key: string, owner: string): Promise<boolean> {
    const sql = `UPDATE generations SET status = 'pending', claimed_by = NULL, claimed_at = NULL, updated_at = $3
      WHERE key = $1 AND status = 'running' AND claimed_by = $2`;
    return (await this.pool.query(sql, [key, owner, isoNow()])).rowCount === 1;
  }

  async releaseClaims(owner?: string): Promise<number> {
    const sql = `UPDATE generations SET status = 'pending', claimed_by = NULL, claimed_at = NULL, updated_at = $1
      WHERE status = 'running' ${owner === undefined ? '' : 'AND claimed_by = $2'}`;
    return (await this.pool.query(sql, owner === undefined ? [isoNow()] : [isoNow(), owner])).rowCount ?? 0;
  }

  /** The same rules as the SQLite store: a done generation is final and its media never changes. */
  async finishGeneration(key: string, outcome: GenerationOutcome): Promise<void> {
    await transaction(this.pool, async (client) => {
      const { rows } = await client.query<{ status: string; media_hash: string | null }>(
        'SELECT status, media_hash FROM generations WHERE key = $1 FOR UPDATE',
        [key],
      );
      const row = rows[0];
      if (!row) throw new Error(`cannot finish unknown generation "${key}"`);
      if (row.status === 'done') {
        if (outcome.status === 'done' && outcome.mediaHash !== row.media_hash) {
          throw new Error(
            `generation "${key}" is already done with media ${row.media_hash}; refusing to replace it with media ${outcome.mediaHash}`,
          );
        }
        return;
      }
      if (outcome.status === 'done') {
        await client.query(FINISH_DONE, [
          key,
          outcome.mediaHash,
          outcome.mime,
          outcome.width,
          outcome.height,
          outcome.durationSec ?? null,
          outcome.fps ?? null,
          outcome.latencyMs,
          outcome.costUsd ?? null,
          outcome.providerIds === undefined ? null : JSON.stringify(outcome.providerIds),
          isoNow(),
        ]);
      } else {
        await client.query(FINISH_FAILED, [
          key,
          outcome.errorCategory,
          outcome.errorMessage,
          outcome.latencyMs ?? null,
          isoNow(),
          outcome.providerIds === undefined ? null : JSON.stringify(outcome.providerIds),
        ]);
      }
    });
  }

  async getGeneration(key: string): Promise<GenerationRecord | undefined> {
    const { rows } = await this.pool.query<GenerationRow>('SELECT * FROM generations WHERE key = $1', [key]);
    return rows[0] && toGeneration(rows[0]);
  }

  // One statement: the keys travel as one array parameter, joined to the key index.
  async generationStates(keys: readonly string[]): Promise<Map<string, GenerationState>> {
    const sql = `SELECT ${GENERATION_STATE_COLUMNS} FROM generations g JOIN unnest($1::text[]) AS k(key) ON k.key = g.key`;
    return toGenerationStates((await this.pool.query<GenerationStateRow>(sql, [keys])).rows);
  }

  /** In planning order. */
  async listGenerations(filter: GenerationFilter = {}): Promise<GenerationRecord[]> {
    const params: string[] = [];
    const param = (v: string) => `$${params.push(v)}`;
    const join =
      filter.runId === undefined ? '' : `JOIN run_generations rg ON rg.generation_key = g.key AND rg.run_id = ${param(filter.runId)}`;
    const conditions: string[] = [];
    if (filter.status !== undefined) conditions.push(`g.status = ${param(filter.status)}`);
    if (filter.generatorId !== undefined) conditions.push(`g.generator_id = ${param(filter.generatorId)}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await this.pool.query<GenerationRow>(`SELECT g.* FROM generations g ${join} ${where} ORDER BY g.id`, params);
    return rows.map(toGeneration);
  }

  async countGenerations(runId: string): Promise<GenerationCount[]> {
    return (await this.pool.query<GenerationCountRow>(COUNT_GENERATIONS('$1'), [runId])).rows.map(toGenerationCount);
  }
}
