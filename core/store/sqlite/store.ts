import type Database from 'better-sqlite3';
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
import { openDatabase, type OpenSqliteOptions } from './connection.js';
import { userVersion } from './migrations.js';
import { SqliteGenerations } from './generations.js';
import { SqliteTables } from './tables.js';
import { constraintError, Statements } from './statements.js';
import { isoNow as now } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';

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
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly sql: Statements;
  private readonly generations: SqliteGenerations;

  constructor(
    private readonly db: Database.Database,
    /** The absolute path of the database file. */
    readonly file: string,
    /** The migration versions this open applied; empty when the file was already current. */
    readonly appliedMigrations: readonly number[] = [],
  ) {
    this.sql = new Statements(db);
    this.generations = new SqliteGenerations(this.sql);
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

  async putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }> {
    const json = canonicalJson(set);
    const hash = sha256Hex(json);
    return this.sql.writeTransaction(() => {
      const stored = this.sql.get<{ content_hash: string }>(
        'SELECT content_hash FROM prompt_sets WHERE id = ? AND version = ?',
        set.id,
        set.version,
      );
      if (stored?.content_hash === hash) return { created: false };
      if (stored) {
        const latest = this.sql.get<{ v: number }>('SELECT max(version) AS v FROM prompt_sets WHERE id = ?', set.id)?.v ?? set.version;
        throw DataError.one(source, {
          field: 'version',
          message: `prompt set "${set.id}" version ${set.version} is already stored with different content; a changed wording needs a new version (use version ${latest + 1})`,
        });
      }
      this.sql.run(
        'INSERT INTO prompt_sets (id, version, content_hash, json, source, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        set.id,
        set.version,
        hash,
        json,
        source,
        now(),
      );
      return { created: true };
    });
  }

  async getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined> {
    const row =
      version === undefined
        ? this.sql.get<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = ? ORDER BY version DESC LIMIT 1', id)
        : this.sql.get<rows.PromptSetRow>('SELECT * FROM prompt_sets WHERE id = ? AND version = ?', id, version);
    return row && rows.toStoredPromptSet(row);
  }

  async listPromptSets(): Promise<StoredPromptSet[]> {
    return this.sql.all<rows.PromptSetRow>('SELECT * FROM prompt_sets ORDER BY id, version').map(rows.toStoredPromptSet);
  }

  async openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }> {
    return this.sql.writeTransaction(() => {
      const existing = this.runRow(id);
      if (existing) return { run: rows.toRun(existing), resumed: true };
      const at = now();
      this.sql.run(
        'INSERT INTO runs (id, config, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        id,
        rows.toJsonText(config),
        'planned',
        at,
        at,
      );
      return { run: rows.toRun(this.runRow(id)!), resumed: false };
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = this.runRow(id);
    return row && rows.toRun(row);
  }

  async listRuns(): Promise<RunRecord[]> {
    return this.sql.all<rows.RunRow>('SELECT * FROM runs ORDER BY created_at, rowid').map(rows.toRun);
  }

  async setRunStatus(id: string, status: RunRecord['status']): Promise<void> {
    const changes = this.sql.run('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?', status, now(), id);
    if (changes === 0) throw new Error(`unknown run "${id}"`);
  }

  async planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }> {
    return this.generations.plan(runId, planned);
  }

  async claimGeneration(key: string, owner: string): Promise<boolean> {
    return this.generations.claim(key, owner);
  }

  async releaseClaims(owner?: string): Promise<number> {
    return this.generations.release(owner);
  }

  async finishGeneration(key: string, outcome: GenerationOutcome): Promise<void> {
    this.generations.finish(key, outcome);
  }

  async getGeneration(key: string): Promise<GenerationRecord | undefined> {
    return this.generations.get(key);
  }

  async listGenerations(filter: GenerationFilter = {}): Promise<GenerationRecord[]> {
    return this.generations.list(filter);
  }

  async putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void> {
    const at = now();
    this.sql.writeTransaction(() => {
      for (const s of scores) {
        try {
          this.sql.run(
            `INSERT INTO scores (generation_key, metric_id, metric_version, value, details, provenance, error, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (generation_key, metric_id, metric_version) DO UPDATE SET
               value = excluded.value, details = excluded.details, provenance = excluded.provenance,
               error = excluded.error, created_at = excluded.created_at`,
            s.generationKey,
            s.metricId,
            s.metricVersion,
            s.value,
            JSON.stringify(s.details),
            JSON.stringify(s.provenance),
            s.error,
            at,
          );
        } catch (e) {
          throw constraintError(e, { foreignKey: `cannot store a ${s.metricId} score for unknown generation "${s.generationKey}"` });
        }
      }
    });
  }

  async listScores(filter: { runId?: string; metricId?: string } = {}): Promise<ScoreRecord[]> {
    const join = filter.runId === undefined ? '' : 'JOIN run_generations rg ON rg.generation_key = s.generation_key AND rg.run_id = @runId';
    const where = filter.metricId === undefined ? '' : 'WHERE s.metric_id = @metricId';
    return this.sql.all<rows.ScoreRow>(`SELECT s.* FROM scores s ${join} ${where} ORDER BY s.rowid`, filter).map(rows.toScore);
  }

  async createStudy(study: Omit<StudyRecord, 'createdAt'>): Promise<StudyRecord> {
    try {
      this.sql.run(
        'INSERT INTO studies (id, run_id, name, mode, config, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        study.id,
        study.runId,
        study.name,
        study.mode,
        rows.toJsonText(study.config),
        study.status,
        now(),
      );
    } catch (e) {
      throw constraintError(e, {
        foreignKey: `cannot create study "${study.id}": unknown run "${study.runId}"`,
        unique: `study "${study.id}" already exists`,
      });
    }
    return (await this.getStudy(study.id))!;
  }

  async getStudy(id: string): Promise<StudyRecord | undefined> {
    const row = this.sql.get<rows.StudyRow>('SELECT * FROM studies WHERE id = ?', id);
    return row && rows.toStudy(row);
  }

  async listStudies(): Promise<StudyRecord[]> {
    return this.sql.all<rows.StudyRow>('SELECT * FROM studies ORDER BY created_at, rowid').map(rows.toStudy);
  }

  async setStudyStatus(id: string, status: StudyRecord['status']): Promise<void> {
    if (this.sql.run('UPDATE studies SET status = ? WHERE id = ?', status, id) === 0) throw new Error(`unknown study "${id}"`);
  }

  async addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void> {
    this.sql.writeTransaction(() => this.insertAssignments(assignments));
  }

  async extendStudy(
    id: string,
    change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] },
  ): Promise<boolean> {
    return this.sql.writeTransaction(() => {
      const row = this.sql.get<{ config: string }>('SELECT config FROM studies WHERE id = ?', id);
      if (!row) throw new Error(`unknown study "${id}"`);
      // The stored text is JSON.stringify of the config, so the same config reads back as the same text.
      if (row.config !== rows.toJsonText(change.from)) return false;
      this.sql.run('UPDATE studies SET config = ? WHERE id = ?', rows.toJsonText(change.to), id);
      this.insertAssignments(change.assignments);
      return true;
    });
  }

  private insertAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): void {
    const at = now();
    for (const a of assignments) {
      try {
        this.sql.run(
          'INSERT INTO assignments (id, study_id, rater_id, item, position, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          a.id,
          a.studyId,
          a.raterId,
          a.item,
          a.position,
          a.kind,
          at,
        );
      } catch (e) {
        throw constraintError(e, {
          foreignKey: `cannot add assignment "${a.id}": unknown study "${a.studyId}"`,
          unique: `assignment "${a.id}" already exists`,
        });
      }
    }
  }

  /** A rater's assignments come in `position` order; several raters are grouped by rater id. */
  async listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = @raterId';
    return this.sql
      .all<rows.AssignmentRow>(`SELECT * FROM assignments WHERE study_id = @studyId ${rater} ORDER BY rater_id, position, rowid`, filter)
      .map(rows.toAssignment);
  }

  async addRating(rating: NewRating): Promise<RatingRecord> {
    return this.sql.writeTransaction(() => this.insertRating(rating));
  }

  async addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]> {
    return this.sql.writeTransaction(() => ratings.map((r) => this.insertRating(r)));
  }

  /** In order of arrival, so a correction follows the rating it corrects. */
  async listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = @raterId';
    return this.sql.all<rows.RatingRow>(`SELECT * FROM ratings WHERE study_id = @studyId ${rater} ORDER BY id`, filter).map(rows.toRating);
  }

  private insertRating(rating: NewRating): RatingRecord {
    const assignment = this.sql.get<{ study_id: string }>('SELECT study_id FROM assignments WHERE id = ?', rating.assignmentId);
    if (assignment?.study_id !== rating.studyId) {
      throw new Error(`cannot add a rating: assignment "${rating.assignmentId}" is not part of study "${rating.studyId}"`);
    }
    const watched = rating.watchedToEnd === null ? null : rating.watchedToEnd ? 1 : 0;
    const inserted = this.sql.get<rows.RatingRow>(
      `INSERT INTO ratings (study_id, assignment_id, rater_id, dimension, value, cannot_rate, time_ms, watched_to_end, submission_id, client_shown_at, client_answered_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (study_id, rater_id, submission_id, dimension) DO NOTHING RETURNING *`,
      rating.studyId,
      rating.assignmentId,
      rating.raterId,
      rating.dimension,
      rating.value,
      rating.cannotRate,
      rating.timeMs,
      watched,
      rating.submissionId ?? null,
      rating.clientShownAt ?? null,
      rating.clientAnsweredAt ?? null,
      now(),
    );
    // NULL submission ids never conflict, so a row that was not inserted is the stored copy of this submission.
    const row =
      inserted ??
      this.sql.get<rows.RatingRow>(
        'SELECT * FROM ratings WHERE study_id = ? AND rater_id = ? AND submission_id = ? AND dimension = ?',
        rating.studyId,
        rating.raterId,
        rating.submissionId,
        rating.dimension,
      );
    return rows.toRating(row!);
  }

  private runRow(id: string): rows.RunRow | undefined {
    return this.sql.get<rows.RunRow>('SELECT * FROM runs WHERE id = ?', id);
  }
}
