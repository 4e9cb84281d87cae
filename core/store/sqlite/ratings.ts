import type { NewRating, RatingRecord, RatingStore } from '../../types/index.js';
import { isoNow } from '../shared/migration.js';
import * as rows from '../shared/row-mappers.js';
import type { Statements } from './statements.js';

/** The append-only ratings of the SQLite store. */
export class SqliteRatings implements RatingStore {
  constructor(private readonly sql: Statements) {}

  async addRating(rating: NewRating): Promise<RatingRecord> {
    return this.sql.writeTransaction(() => this.insertRating(rating));
  }

  async addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]> {
    return this.sql.writeTransaction(() => ratings.map((r) => this.insertRating(r)));
  }

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
      isoNow(),
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
}
