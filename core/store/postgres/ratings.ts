import type pg from 'pg';
import {
  RatingConflictError,
  type NewRating,
  type RaterState,
  type RatingRecord,
  type RatingStore,
  type ServedItem,
} from '../../types/index.js';
import * as rows from '../shared/row-mappers.js';
import { isoNow } from '../shared/migration.js';
import { transaction, type Queryable } from './connection.js';

/** The append-only ratings of the Postgres store. */
export class PostgresRatings implements RatingStore {
  constructor(private readonly pool: pg.Pool) {}

  async addRating(rating: NewRating): Promise<RatingRecord> {
    return (await this.addRatings([rating]))[0]!;
  }

  /** Appends ratings in one transaction: all are stored or none. */
  async addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]> {
    if (ratings.length === 0) return [];
    return (await insertAllNew(this.pool, ratings)) ?? transaction(this.pool, (client) => insertRatings(client, ratings));
  }

  async getRaterState(studyId: string, raterId: string): Promise<RaterState | undefined> {
    // One statement sees one snapshot: the status and the ratings are as of the same moment.
    // Named: each connection parses and plans it once (the rating server runs it for every submission).
    const { rows: found } = await this.pool.query<rows.RatingRow & { study_status: RaterState['status']; study_config_version: number }>({
      name: 'loupe-rater-state',
      text: `SELECT s.status AS study_status, s.config_version AS study_config_version, r.*
               FROM studies s LEFT JOIN ratings r ON r.study_id = s.id AND r.rater_id = $2
              WHERE s.id = $1 ORDER BY r.id`,
      values: [studyId, raterId],
    });
    const study = found[0];
    if (!study) return undefined;
    const ratings = found.filter((r) => r.id !== null).map(rows.toRating);
    return { status: study.study_status, configVersion: study.study_config_version, ratings };
  }

  async markServed(item: Omit<ServedItem, 'firstServedAt'>, at: string): Promise<string> {
    const { rows: added } = await this.pool.query<{ first_served_at: string }>(
      `INSERT INTO served_items (assignment_id, study_id, rater_id, first_served_at)
       SELECT id, study_id, $3, $4::timestamptz FROM assignments WHERE id = $1 AND study_id = $2
       ON CONFLICT (assignment_id) DO NOTHING RETURNING first_served_at`,
      [item.assignmentId, item.studyId, item.raterId, at],
    );
    if (added[0]) return added[0].first_served_at;
    // Recorded before (perhaps by another server a moment ago: a new statement sees its commit), or not an item of the study.
    const { rows: found } = await this.pool.query<{ first_served_at: string }>(
      'SELECT first_served_at FROM served_items WHERE assignment_id = $1 AND study_id = $2',
      [item.assignmentId, item.studyId],
    );
    if (!found[0]) throw new Error(`cannot record a served item: assignment "${item.assignmentId}" is not part of study "${item.studyId}"`);
    return found[0].first_served_at;
  }

  async listServed(filter: { studyId: string; raterId?: string }): Promise<ServedItem[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = $2';
    const params = filter.raterId === undefined ? [filter.studyId] : [filter.studyId, filter.raterId];
    const { rows: found } = await this.pool.query<rows.ServedRow>(
      `SELECT * FROM served_items WHERE study_id = $1 ${rater} ORDER BY assignment_id`,
      params,
    );
    return found.map(rows.toServed);
  }

  async listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]> {
    const rater = filter.raterId === undefined ? '' : 'AND rater_id = $2';
    const params = filter.raterId === undefined ? [filter.studyId] : [filter.studyId, filter.raterId];
    const { rows: found } = await this.pool.query<rows.RatingRow>(`SELECT * FROM ratings WHERE study_id = $1 ${rater} ORDER BY id`, params);
    return found.map(rows.toRating);
  }
}

const key = (r: { studyId: string; raterId: string; submissionId?: string | null; dimension: string }) =>
  JSON.stringify([r.studyId, r.raterId, r.submissionId, r.dimension]);

/**
 * The common case in one round trip: every row is new and its assignment is in its study. One
 * statement is its own transaction (no BEGIN, no COMMIT), and it stores all the rows or none: when
 * any row is not inserted (a bad assignment, a resend, a second rating of an item) it divides by
 * zero, which aborts it, and the caller writes the batch the careful way. Each round trip to
 * Postgres costs the rating server more CPU than the rows it carries. Undefined: not all new.
 */
async function insertAllNew(db: Queryable, ratings: readonly NewRating[]): Promise<RatingRecord[] | undefined> {
  const inStudy = `WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[]) AS y(s, a) LEFT JOIN assignments ON assignments.id = y.a
                                 WHERE assignments.study_id IS DISTINCT FROM y.s)`;
  const sql = `WITH ins AS (${insertRows(inStudy)}) SELECT * FROM ins WHERE 1 / ((SELECT count(*) FROM ins) = $14)::int = 1`;
  try {
    const values = [...ratingColumns(ratings), ratings.length];
    const { rows: inserted } = await db.query<rows.RatingRow>({ name: 'loupe-insert-new-ratings', text: sql, values });
    return inserted.map(rows.toRating).sort((a, b) => a.id - b.id);
  } catch (e) {
    if ((e as { code?: unknown }).code === DIVISION_BY_ZERO) return undefined;
    throw e;
  }
}

const DIVISION_BY_ZERO = '22012';

/** Inserts the rows of ratingColumns that `filter` keeps; identity values follow ORDER BY ord, so sorting by id restores the input order. */
const insertRows = (
  filter = '',
) => `INSERT INTO ratings (study_id, assignment_id, rater_id, dimension, value, cannot_rate, time_ms, watched_to_end, submission_id, client_shown_at, client_answered_at, slot, created_at)
     SELECT s, a, r, d, v, c, t, w, sub, shown, answered, slot, $13::timestamptz
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::int[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[])
            WITH ORDINALITY AS x(s, a, r, d, v, c, t, w, sub, shown, answered, slot, ord)
      ${filter} ORDER BY ord
     ON CONFLICT DO NOTHING RETURNING *`;

/** The parameters $1 to $13 of insertRows: one array per column, and the time of writing. */
function ratingColumns(ratings: readonly NewRating[]): unknown[] {
  const column = <T>(f: (r: NewRating) => T) => ratings.map(f);
  return [
    column((r) => r.studyId),
    column((r) => r.assignmentId),
    column((r) => r.raterId),
    column((r) => r.dimension),
    column((r) => r.value),
    column((r) => r.cannotRate),
    column((r) => r.timeMs),
    column((r) => r.watchedToEnd),
    column((r) => r.submissionId ?? null),
    column((r) => r.clientShownAt ?? null),
    column((r) => r.clientAnsweredAt ?? null),
    column(rows.ratingSlot),
    isoNow(),
  ];
}

/**
 * Appends a batch of ratings in three statements, however many rows (the rating server's group
 * commit sends many submissions at once, and a round trip per row would serialise them): check
 * the assignments, insert every row, read back those already stored under their submission id.
 * Returns one stored row per input row, in input order.
 */
async function insertRatings(client: Queryable, ratings: readonly NewRating[]): Promise<RatingRecord[]> {
  const ids = [...new Set(ratings.map((r) => r.assignmentId))];
  const { rows: found } = await client.query<{ id: string; study_id: string }>(
    'SELECT id, study_id FROM assignments WHERE id = ANY($1::text[])',
    [ids],
  );
  const studyOf = new Map(found.map((a) => [a.id, a.study_id]));
  const bad = ratings.find((r) => studyOf.get(r.assignmentId) !== r.studyId);
  if (bad) throw new Error(`cannot add a rating: assignment "${bad.assignmentId}" is not part of study "${bad.studyId}"`);
  const { rows: inserted } = await client.query<rows.RatingRow>(insertRows(), ratingColumns(ratings));
  const fresh = inserted.map(rows.toRating).sort((a, b) => a.id - b.id);
  // Rows not inserted are submissions stored before (by this batch, this process or another, whose
  // insert this one waited for), or second ratings of an item; NULL submission ids never conflict.
  // No conflict target: a race on either unique index must skip the row, not abort the batch.
  const skipped = ratings.length === fresh.length ? [] : ratings.filter((r) => r.submissionId);
  const earlier = new Map<string, RatingRecord>();
  if (skipped.length > 0) {
    const { rows: stored } = await client.query<rows.RatingRow>(
      `SELECT * FROM ratings WHERE (study_id, rater_id, submission_id, dimension) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))`,
      [skipped.map((r) => r.studyId), skipped.map((r) => r.raterId), skipped.map((r) => r.submissionId), skipped.map((r) => r.dimension)],
    );
    for (const row of stored.map(rows.toRating)) earlier.set(key(row), row);
  }
  let next = 0;
  return ratings.map((r) => {
    const candidate = fresh[next];
    // Inserted rows come in input order, so an input was inserted exactly when it matches the next one.
    if (candidate && candidate.assignmentId === r.assignmentId && key(candidate) === key(r)) return fresh[next++]!;
    // Neither inserted nor stored under its submission id: a second rating of the item (ratings_one_per_item).
    const stored = earlier.get(key(r));
    if (!stored) throw new RatingConflictError(r.assignmentId, r.correction === true);
    return stored;
  });
}
