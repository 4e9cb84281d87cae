import type { StudyRecord } from './studies.js';

/** Ratings are appended, never overwritten; a correction is a new row. */
export interface RatingRecord {
  id: number;
  studyId: string;
  assignmentId: string;
  raterId: string;
  dimension: string;
  /** 1..5 for likert; for pairwise: 'A' | 'B' | 'tie' encoded as 1, 2, 0. */
  value: number | null;
  cannotRate: string | null;
  timeMs: number;
  watchedToEnd: boolean | null;
  /**
   * The client's id for the submission this row came with (one per item and dimension): a
   * resubmission with the same id is stored once. Null for rows not sent by the rating UI (imports).
   */
  submissionId?: string | null;
  /** When the client showed the item and when the rater answered, by the client's clock (ISO). */
  clientShownAt?: string | null;
  clientAnsweredAt?: string | null;
  /**
   * True for a rater's correction of their rating of the item (the rating UI offers one, on the
   * item just rated); the corrected rows stay. False for every other row.
   */
  correction?: boolean;
  /** The server's time of storing the row. */
  createdAt: string;
}

export type NewRating = Omit<RatingRecord, 'id' | 'createdAt'>;

/** When the rating server first sent an item's media to its rater (per assignment: a repeat is its own). */
export interface ServedItem {
  studyId: string;
  assignmentId: string;
  raterId: string;
  firstServedAt: string;
}

/**
 * A rating the store refuses because the rater's item already has one (or, for a correction,
 * already has its one correction): each submission of the rating UI is an item's first rating or
 * its correction, and the store holds one of each, also against two servers writing at once.
 */
export class RatingConflictError extends Error {
  constructor(
    readonly assignmentId: string,
    readonly correction: boolean,
  ) {
    super(
      correction
        ? `item "${assignmentId}" has been corrected already; a rating is corrected once`
        : `item "${assignmentId}" has a rating already; send a correction to change it`,
    );
    this.name = 'RatingConflictError';
  }
}

/** What the rating server reads for each of a rater's requests: the study's status and config version, and the rater's ratings. */
export interface RaterState extends Pick<StudyRecord, 'status' | 'configVersion'> {
  ratings: RatingRecord[];
}

export interface RatingStore {
  addRating(rating: NewRating): Promise<RatingRecord>;
  /**
   * Appends several ratings (one item's dimensions) in one transaction: all are stored or none.
   * A row whose (study, rater, submissionId, dimension) is already stored is not stored again,
   * also when two processes send it at once; the stored row is returned in its place.
   * A row with a submission id is its item's first rating or (`correction`) its one correction:
   * another of either kind for the same assignment and dimension throws `RatingConflictError`,
   * and nothing of the batch is stored.
   */
  addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]>;
  /** In order of arrival, so a correction follows the rating it corrects. */
  listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]>;
  /**
   * `getStudyStatus` and one rater's `listRatings` read together: with a database server, in one
   * statement (one round trip, one snapshot), as each round trip costs a rating server more CPU than
   * the rows do. Undefined for an unknown study.
   */
  getRaterState(studyId: string, raterId: string): Promise<RaterState | undefined>;
  /**
   * Records that the item's media were sent to its rater at `at` (ISO), unless recorded before;
   * returns the first time recorded. Throws for an assignment outside the study.
   */
  markServed(item: Omit<ServedItem, 'firstServedAt'>, at: string): Promise<string>;
  listServed(filter: { studyId: string; raterId?: string }): Promise<ServedItem[]>;
}
