import {
  RatingConflictError,
  type NewRating,
  type RaterState,
  type RatingRecord,
  type RatingStore,
  type ServedItem,
} from '../../types/index.js';
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

  async getRaterState(studyId: string, raterId: string): Promise<RaterState | undefined> {
    // In process, two reads cost no round trip: the same statements as getStudyStatus and listRatings.
    const study = this.sql.get<Omit<RaterState, 'ratings'>>(
      'SELECT status, config_version AS configVersion FROM studies INDEXED BY studies_status WHERE id = ?',
      studyId,
    );
    return study && { ...study, ratings: await this.listRatings({ studyId, raterId }) };
  }

  async markServed(item: Omit<ServedItem, 'firstServedAt'>, at: string): Promise<string> {
    return this.sql.writeTransaction(() => {
      const assignment = this.sql.get<{ study_id: string }>('SELECT study_id FROM assignments WHERE id = ?', item.assignmentId);
      if (assignment?.study_id !== item.studyId)
        throw new Error(`cannot record a served item: assignment "${item.assignmentId}" is not part of study "${item.studyId}"`);
      this.sql.run(
        'INSERT INTO served_items (assignment_id, study_id, rater_id, first_served_at) VALUES (?, ?, ?, ?) ON CONFLICT (assignment_id) DO NOTHING',
        item.assignmentId,
        item.studyId,
        item.raterId,
        at,
      );
      return this.sql.get<{ first_served_at: string }>(
        'SELECT first_served_at FROM served_items WHERE assignment_id = ?',
        item.assignmentId,
      )!.first_served_at;
    });
  }

  async listServed(filter: { studyId: string; raterId?: string }): Promise<ServedItem[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = @raterId';
    return this.sql
      .all<rows.ServedRow>(`SELECT * FROM served_items WHERE study_id = @studyId ${rater} ORDER BY assignment_id`, filter)
      .map(rows.toServed);
  }

  private insertRating(rating: NewRating): RatingRecord {
    const assignment = this.sql.get<{ study_id: string }>('SELECT study_id FROM assignments WHERE id = ?', rating.assignmentId);
    if (assignment?.study_id !== rating.studyId) {
      throw new Error(`cannot add a rating: assignment "${rating.assignmentId}" is not part of study "${rating.studyId}"`);
    }
    const watched = rating.watchedToEnd === null ? null : rating.watchedToEnd ? 1 : 0;
    const inserted = this.sql.get<rows.RatingRow>(
      `INSERT INTO ratings (study_id, assignment_id, rater_id, dimension, value, cannot_rate, time_ms, watched_to_end, submission_id, client_shown_at, client_answered_at, slot, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING *`,
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
      rows.ratingSlot(rating),
      isoNow(),
    );
    // Not inserted: the stored copy of this submission (a resend), or else a second rating of the item
    // (ratings_one_per_item). NULL submission ids and slots never conflict.
    const row =
      inserted ??
      this.sql.get<rows.RatingRow>(
        'SELECT * FROM ratings WHERE study_id = ? AND rater_id = ? AND submission_id = ? AND dimension = ?',
        rating.studyId,
        rating.raterId,
        rating.submissionId,
        rating.dimension,
      );
    if (!row) throw new RatingConflictError(rating.assignmentId, rating.correction === true);
    return rows.toRating(row);
  }
}
