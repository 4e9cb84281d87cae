/** One score from one rater on one item, for one dimension (the analyses take one dimension at a time). */
export interface Observation {
  item: string;
  rater: string;
  score: number;
}

export interface ScreeningVerdict {
  rater: string;
  rejected: boolean;
  /** Why, in words a reader of the report understands; empty when kept. */
  reason: string;
  details: Record<string, number | null>;
}
