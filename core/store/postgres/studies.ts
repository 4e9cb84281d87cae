import type pg from 'pg';
import type { AssignmentRecord, StudyRecord, StudyStore } from '../../types/index.js';
import * as rows from '../shared/row-mappers.js';
import { isoNow } from '../shared/migration.js';
import { pgConstraintError, transaction, type Queryable } from './connection.js';

/** Studies and their assignments in the Postgres store. */
export class PostgresStudies implements StudyStore {
  constructor(private readonly pool: pg.Pool) {}

  async createStudy(study: Omit<StudyRecord, 'createdAt' | 'configVersion'>): Promise<StudyRecord> {
    try {
      const { rows: created } = await this.pool.query<rows.StudyRow>(
        'INSERT INTO studies (id, run_id, name, mode, config, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [study.id, study.runId, study.name, study.mode, rows.toJsonText(study.config), study.status, isoNow()],
      );
      return rows.toStudy(created[0]!);
    } catch (e) {
      throw pgConstraintError(e, {
        foreignKey: `cannot create study "${study.id}": unknown run "${study.runId}"`,
        unique: `study "${study.id}" already exists`,
      });
    }
  }

  async getStudy(id: string): Promise<StudyRecord | undefined> {
    const { rows: found } = await this.pool.query<rows.StudyRow>('SELECT * FROM studies WHERE id = $1', [id]);
    return found[0] && rows.toStudy(found[0]);
  }

  async getStudyStatus(id: string): Promise<Pick<StudyRecord, 'status' | 'configVersion'> | undefined> {
    // Named: each connection parses and plans it once (a rating server runs it for every request).
    const { rows: found } = await this.pool.query<Pick<StudyRecord, 'status' | 'configVersion'>>({
      name: 'loupe-study-status',
      text: 'SELECT status, config_version AS "configVersion" FROM studies WHERE id = $1',
      values: [id],
    });
    return found[0];
  }

  async listStudies(): Promise<StudyRecord[]> {
    return (await this.pool.query<rows.StudyRow>('SELECT * FROM studies ORDER BY created_at, seq')).rows.map(rows.toStudy);
  }

  async setStudyStatus(id: string, status: StudyRecord['status']): Promise<void> {
    const { rowCount } = await this.pool.query('UPDATE studies SET status = $1 WHERE id = $2', [status, id]);
    if (rowCount === 0) throw new Error(`unknown study "${id}"`);
  }

  async addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void> {
    await transaction(this.pool, (client) => insertAssignments(client, assignments));
  }

  async extendStudy(
    id: string,
    change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] },
  ): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      // FOR UPDATE: a second extension waits here, then finds the config changed.
      const { rows: found } = await client.query<{ same: boolean }>(
        'SELECT config = $2::jsonb AS same FROM studies WHERE id = $1 FOR UPDATE',
        [id, rows.toJsonText(change.from)],
      );
      if (!found[0]) throw new Error(`unknown study "${id}"`);
      if (!found[0].same) return false;
      await client.query('UPDATE studies SET config = $2, config_version = config_version + 1 WHERE id = $1', [
        id,
        rows.toJsonText(change.to),
      ]);
      await insertAssignments(client, change.assignments);
      return true;
    });
  }

  /** A rater's assignments come in `position` order; several raters are grouped by rater id. */
  async listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = $2';
    const params = filter.raterId === undefined ? [filter.studyId] : [filter.studyId, filter.raterId];
    const { rows: found } = await this.pool.query<rows.AssignmentRow>(
      `SELECT * FROM assignments WHERE study_id = $1 ${rater} ORDER BY rater_id, position, seq`,
      params,
    );
    return found.map(rows.toAssignment);
  }
}

async function insertAssignments(client: Queryable, assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void> {
  const at = isoNow();
  for (const a of assignments) {
    try {
      await client.query(
        'INSERT INTO assignments (id, study_id, rater_id, item, position, kind, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [a.id, a.studyId, a.raterId, a.item, a.position, a.kind, at],
      );
    } catch (e) {
      throw pgConstraintError(e, {
        foreignKey: `cannot add assignment "${a.id}": unknown study "${a.studyId}"`,
        unique: `assignment "${a.id}" already exists`,
      });
    }
  }
}
