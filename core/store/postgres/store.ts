import type pg from 'pg';
import { DataError } from '../../types/data-error.js';
import type { PromptSet } from '../../types/prompt.js';
import type {
  AssignmentRecord,
  GenerationFilter,
  GenerationOutcome,
  GenerationRecord,
  NewRating,
  PlannedGeneration,
  RatingRecord,
  RunRecord,
  ScoreRecord,
  Store,
  StoredPromptSet,
  StudyRecord,
} from '../../types/store.js';
import { canonicalJson, sha256Hex } from '../shared/canonical-json.js';
import type { Migration } from '../shared/migration.js';
import { isoNow as now } from '../shared/migration.js';
import { connectError, createPool, isConnectionProblem, pgConstraintError, transaction, type PoolOptions } from './connection.js';
import { currentVersion, migratePostgres } from './migrations.js';
import { PostgresGenerations } from './generations.js';
import { PostgresRatings } from './ratings.js';
import { PostgresTables } from './tables.js';
import * as rows from '../shared/row-mappers.js';

export interface OpenPostgresOptions extends PoolOptions {
  /** The schema steps; tests pass their own list to exercise upgrades. */
  migrations?: readonly Migration[];
}

/** Connects to the database at `url` and migrates it; a server that cannot be reached fails here, naming it without its password. */
export async function openPostgresStore(url: string, options: OpenPostgresOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, options);
  try {
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
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly generations: PostgresGenerations;
  private readonly ratings: PostgresRatings;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The migration versions this open applied; empty when the database was already current. */
    readonly appliedMigrations: readonly number[] = [],
  ) {
    this.generations = new PostgresGenerations(pool);
    this.ratings = new PostgresRatings(pool);
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

  async putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }> {
    const json = canonicalJson(set);
    const hash = sha256Hex(json);
    const inserted = await this.pool.query(
      'INSERT INTO prompt_sets (id, version, content_hash, json, source, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
      [set.id, set.version, hash, json, source, now()],
    );
    if (inserted.rowCount === 1) return { created: true };
    const { rows: stored } = await this.pool.query<{ content_hash: string; latest: number }>(
      'SELECT content_hash, (SELECT max(version) FROM prompt_sets WHERE id = $1) AS latest FROM prompt_sets WHERE id = $1 AND version = $2',
      [set.id, set.version],
    );
    if (stored[0]?.content_hash === hash) return { created: false };
    throw DataError.one(source, {
      field: 'version',
      message: `prompt set "${set.id}" version ${set.version} is already stored with different content; a changed wording needs a new version (use version ${(stored[0]?.latest ?? set.version) + 1})`,
    });
  }

  async getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined> {
    const { rows: found } =
      version === undefined
        ? await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = $1 ORDER BY version DESC LIMIT 1', [id])
        : await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = $1 AND version = $2', [id, version]);
    return found[0] && rows.toStoredPromptSet(found[0]);
  }

  async listPromptSets(): Promise<StoredPromptSet[]> {
    return (await this.pool.query<rows.PromptSetRow>('SELECT * FROM prompt_sets ORDER BY id, version')).rows.map(rows.toStoredPromptSet);
  }

  async openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }> {
    const at = now();
    const { rows: created } = await this.pool.query<rows.RunRow>(
      "INSERT INTO runs (id, config, status, created_at, updated_at) VALUES ($1, $2, 'planned', $3, $3) ON CONFLICT (id) DO NOTHING RETURNING *",
      [id, rows.toJsonText(config), at],
    );
    if (created[0]) return { run: rows.toRun(created[0]), resumed: false };
    return { run: (await this.getRun(id))!, resumed: true };
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const { rows: found } = await this.pool.query<rows.RunRow>('SELECT * FROM runs WHERE id = $1', [id]);
    return found[0] && rows.toRun(found[0]);
  }

  async listRuns(): Promise<RunRecord[]> {
    return (await this.pool.query<rows.RunRow>('SELECT * FROM runs ORDER BY created_at, seq')).rows.map(rows.toRun);
  }

  async setRunStatus(id: string, status: RunRecord['status']): Promise<void> {
    const { rowCount } = await this.pool.query('UPDATE runs SET status = $1, updated_at = $2 WHERE id = $3', [status, now(), id]);
    if (rowCount === 0) throw new Error(`unknown run "${id}"`);
  }

  planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }> {
    return this.generations.plan(runId, planned);
  }

  claimGeneration(key: string, owner: string): Promise<boolean> {
    return this.generations.claim(key, owner);
  }

  releaseClaims(owner?: string): Promise<number> {
    return this.generations.release(owner);
  }

  finishGeneration(key: string, outcome: GenerationOutcome): Promise<void> {
    return this.generations.finish(key, outcome);
  }

  getGeneration(key: string): Promise<GenerationRecord | undefined> {
    return this.generations.get(key);
  }

  listGenerations(filter: GenerationFilter = {}): Promise<GenerationRecord[]> {
    return this.generations.list(filter);
  }

  async putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void> {
    const at = now();
    await transaction(this.pool, async (client) => {
      for (const s of scores) {
        try {
          await client.query(
            `INSERT INTO scores (generation_key, metric_id, metric_version, value, details, provenance, error, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (generation_key, metric_id, metric_version) DO UPDATE SET
               value = excluded.value, details = excluded.details, provenance = excluded.provenance,
               error = excluded.error, created_at = excluded.created_at`,
            [s.generationKey, s.metricId, s.metricVersion, s.value, JSON.stringify(s.details), JSON.stringify(s.provenance), s.error, at],
          );
        } catch (e) {
          throw pgConstraintError(e, { foreignKey: `cannot store a ${s.metricId} score for unknown generation "${s.generationKey}"` });
        }
      }
    });
  }

  async listScores(filter: { runId?: string; metricId?: string } = {}): Promise<ScoreRecord[]> {
    const params: string[] = [];
    const join =
      filter.runId === undefined
        ? ''
        : `JOIN run_generations rg ON rg.generation_key = s.generation_key AND rg.run_id = $${params.push(filter.runId)}`;
    const where = filter.metricId === undefined ? '' : `WHERE s.metric_id = $${params.push(filter.metricId)}`;
    const { rows: found } = await this.pool.query<rows.ScoreRow>(`SELECT s.* FROM scores s ${join} ${where} ORDER BY s.seq`, params);
    return found.map(rows.toScore);
  }

  createStudy(study: Omit<StudyRecord, 'createdAt'>): Promise<StudyRecord> {
    return this.ratings.createStudy(study);
  }

  getStudy(id: string): Promise<StudyRecord | undefined> {
    return this.ratings.getStudy(id);
  }

  listStudies(): Promise<StudyRecord[]> {
    return this.ratings.listStudies();
  }

  setStudyStatus(id: string, status: StudyRecord['status']): Promise<void> {
    return this.ratings.setStudyStatus(id, status);
  }

  addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void> {
    return this.ratings.addAssignments(assignments);
  }

  extendStudy(
    id: string,
    change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] },
  ): Promise<boolean> {
    return this.ratings.extendStudy(id, change);
  }

  listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]> {
    return this.ratings.listAssignments(filter);
  }

  async addRating(rating: NewRating): Promise<RatingRecord> {
    return (await this.ratings.addRatings([rating]))[0]!;
  }

  addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]> {
    return this.ratings.addRatings(ratings);
  }

  listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]> {
    return this.ratings.listRatings(filter);
  }
}
