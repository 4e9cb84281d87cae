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
import type { Statements } from './statements.js';
import { isoNow } from '../shared/migration.js';

const INSERT_PLANNED = `
  INSERT INTO generations (key, generator_id, generator_type, prompt_set_id, prompt_set_version, prompt_id, category,
    language, text, seed, sample, modality, status, attempts, created_at, updated_at)
  VALUES (@key, @generator_id, @generator_type, @prompt_set_id, @prompt_set_version, @prompt_id, @category,
    @language, @text, @seed, @sample, @modality, 'pending', 0, @at, @at)
  ON CONFLICT (key) DO NOTHING`;

// One guarded UPDATE, so two workers (or two processes) can never both win: SQLite runs it
// under the write lock and `changes` says whether this caller's row matched.
const CLAIM = `
  UPDATE generations
  SET status = 'running', attempts = attempts + 1, claimed_by = @owner, claimed_at = @at, updated_at = @at
  WHERE key = @key AND (status IN ('pending', 'failed') OR (status = 'running' AND claimed_by = @owner))`;

const FINISH_DONE = `
  UPDATE generations
  SET status = 'done', media_hash = @mediaHash, mime = @mime, width = @width, height = @height,
    duration_sec = @durationSec, fps = @fps, latency_ms = @latencyMs, cost_usd = @costUsd, provider_ids = @providerIds,
    error_category = NULL, error_message = NULL, claimed_by = NULL, claimed_at = NULL, updated_at = @at
  WHERE key = @key`;

const FINISH_FAILED = `
  UPDATE generations
  SET status = 'failed', error_category = @errorCategory, error_message = @errorMessage, latency_ms = @latencyMs,
    media_hash = NULL, mime = NULL, width = NULL, height = NULL, duration_sec = NULL, fps = NULL,
    cost_usd = NULL, provider_ids = @providerIds, claimed_by = NULL, claimed_at = NULL, updated_at = @at
  WHERE key = @key`;

/** The generation queue of the SQLite store: planning, claims and outcomes. */
export class SqliteGenerations implements GenerationStore {
  constructor(private readonly sql: Statements) {}

  async planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }> {
    return this.sql.writeTransaction(() => {
      if (!this.sql.get('SELECT 1 FROM runs WHERE id = ?', runId)) {
        throw new Error(`cannot plan generations for unknown run "${runId}": open the run first`);
      }
      // A resume plans the same keys again: those already in the run are in the store, and skipped.
      const linked = new Set(
        this.sql.all<{ k: string }>('SELECT generation_key AS k FROM run_generations WHERE run_id = ?', runId).map((r) => r.k),
      );
      const at = isoNow();
      let added = 0;
      for (const g of planned) {
        if (linked.has(g.key)) continue;
        added += this.sql.run(INSERT_PLANNED, { ...plannedParams(g), at });
        this.sql.run('INSERT OR IGNORE INTO run_generations (run_id, generation_key) VALUES (?, ?)', runId, g.key);
      }
      return { added, existing: planned.length - added };
    });
  }

  async claimGeneration(key: string, owner: string): Promise<boolean> {
    return this.sql.run(CLAIM, { key, owner, at: isoNow() }) === 1;
  }

  async releaseClaim(key: string, owner: string): Promise<boolean> {
    const sql = `UPDATE generations SET status = 'pending', claimed_by = NULL, claimed_at = NULL, updated_at = @at
      WHERE key = @key AND status = 'running' AND claimed_by = @owner`;
    return this.sql.run(sql, { key, owner, at: isoNow() }) === 1;
  }

  async releaseClaims(owner?: string): Promise<number> {
    const sql = `UPDATE generations SET status = 'pending', claimed_by = NULL, claimed_at = NULL, updated_at = @at
      WHERE status = 'running' ${owner === undefined ? '' : 'AND claimed_by = @owner'}`;
    return this.sql.run(sql, owner === undefined ? { at: isoNow() } : { at: isoNow(), owner });
  }

  /**
   * Records the outcome. A done generation is final: a later failure (a retry that lost a race,
   * a stale worker) is ignored, and a different media hash is refused, because the media that
   * was paid for and perhaps already rated must not silently change.
   */
  async finishGeneration(key: string, outcome: GenerationOutcome): Promise<void> {
    this.sql.writeTransaction(() => {
      const row = this.sql.get<{ status: string; media_hash: string | null }>(
        'SELECT status, media_hash FROM generations WHERE key = ?',
        key,
      );
      if (!row) throw new Error(`cannot finish unknown generation "${key}"`);
      if (row.status === 'done') {
        if (outcome.status === 'done' && outcome.mediaHash !== row.media_hash) {
          throw new Error(
            `generation "${key}" is already done with media ${row.media_hash}; refusing to replace it with media ${outcome.mediaHash}`,
          );
        }
        return;
      }
      const at = isoNow();
      if (outcome.status === 'done') {
        this.sql.run(FINISH_DONE, {
          key,
          at,
          mediaHash: outcome.mediaHash,
          mime: outcome.mime,
          width: outcome.width,
          height: outcome.height,
          durationSec: outcome.durationSec ?? null,
          fps: outcome.fps ?? null,
          latencyMs: outcome.latencyMs,
          costUsd: outcome.costUsd ?? null,
          providerIds: outcome.providerIds === undefined ? null : JSON.stringify(outcome.providerIds),
        });
      } else {
        this.sql.run(FINISH_FAILED, {
          key,
          at,
          errorCategory: outcome.errorCategory,
          errorMessage: outcome.errorMessage,
          latencyMs: outcome.latencyMs ?? null,
          providerIds: outcome.providerIds === undefined ? null : JSON.stringify(outcome.providerIds),
        });
      }
    });
  }

  async getGeneration(key: string): Promise<GenerationRecord | undefined> {
    const row = this.sql.get<GenerationRow>('SELECT * FROM generations WHERE key = ?', key);
    return row && toGeneration(row);
  }

  // One statement: the keys travel as one JSON array, each looked up by the key index.
  async generationStates(keys: readonly string[]): Promise<Map<string, GenerationState>> {
    const sql = `SELECT ${GENERATION_STATE_COLUMNS} FROM generations g WHERE g.key IN (SELECT value FROM json_each(?))`;
    return toGenerationStates(this.sql.all<GenerationStateRow>(sql, JSON.stringify(keys)));
  }

  /** In planning order. */
  async listGenerations(filter: GenerationFilter = {}): Promise<GenerationRecord[]> {
    const join = filter.runId === undefined ? '' : 'JOIN run_generations rg ON rg.generation_key = g.key AND rg.run_id = @runId';
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    if (filter.runId !== undefined) params.runId = filter.runId;
    if (filter.status !== undefined) {
      conditions.push('g.status = @status');
      params.status = filter.status;
    }
    if (filter.generatorId !== undefined) {
      conditions.push('g.generator_id = @generatorId');
      params.generatorId = filter.generatorId;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return Array.from(
      this.sql.iterate<GenerationRow>(`SELECT g.* FROM generations g ${join} ${where} ORDER BY g.id`, params),
      toGeneration,
    );
  }

  async countGenerations(runId: string): Promise<GenerationCount[]> {
    return this.sql.all<GenerationCountRow>(COUNT_GENERATIONS('?'), runId).map(toGenerationCount);
  }
}
