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
  /** The server's time of storing the row. */
  createdAt: string;
}

export type NewRating = Omit<RatingRecord, 'id' | 'createdAt'>;

export interface RatingStore {
  addRating(rating: NewRating): Promise<RatingRecord>;
  /**
   * Appends several ratings (one item's dimensions) in one transaction: all are stored or none.
   * A row whose (study, rater, submissionId, dimension) is already stored is not stored again,
   * also when two processes send it at once; the stored row is returned in its place.
   */
  addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]>;
  /** In order of arrival, so a correction follows the rating it corrects. */
  listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]>;
}
