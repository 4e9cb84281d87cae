import type { AssignmentRecord, StudyRecord, StudyStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import { constraintError, type Statements } from './statements.js';

/** Studies and their assignments in the SQLite store. */
export class SqliteStudies implements StudyStore {
  constructor(private readonly sql: Statements) {}

  async createStudy(study: Omit<StudyRecord, 'createdAt' | 'configVersion'>): Promise<StudyRecord> {
    try {
      this.sql.run(
        'INSERT INTO studies (id, run_id, name, mode, config, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        study.id,
        study.runId,
        study.name,
        study.mode,
        rows.toJsonText(study.config),
        study.status,
        isoNow(),
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

  async getStudyStatus(id: string): Promise<Pick<StudyRecord, 'status' | 'configVersion'> | undefined> {
    return this.sql.get<Pick<StudyRecord, 'status' | 'configVersion'>>(
      // The planner would take the primary key's index and read the row; this one answers from the index alone.
      'SELECT status, config_version AS configVersion FROM studies INDEXED BY studies_status WHERE id = ?',
      id,
    );
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
      this.sql.run('UPDATE studies SET config = ?, config_version = config_version + 1 WHERE id = ?', rows.toJsonText(change.to), id);
      this.insertAssignments(change.assignments);
      return true;
    });
  }

  /** A rater's assignments come in `position` order; several raters are grouped by rater id. */
  async listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = @raterId';
    return this.sql
      .all<rows.AssignmentRow>(`SELECT * FROM assignments WHERE study_id = @studyId ${rater} ORDER BY rater_id, position, rowid`, filter)
      .map(rows.toAssignment);
  }

  private insertAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): void {
    const at = isoNow();
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
}
