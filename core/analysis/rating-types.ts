/** One score from one rater on one item, for one dimension (the analyses take one dimension at a time). */
export interface Observation {
  item: string;
  rater: string;
  score: number;
}

/** Why a check rejected a rater, as a code and the numbers behind it (for reports in other languages). */
export interface ScreeningFinding {
  check: 'bt500' | 'p913-flat' | 'p913' | 'p913-generator' | 'gold' | 'repeats';
  values: Record<string, string | number>;
}

export interface ScreeningVerdict {
  rater: string;
  rejected: boolean;
  /** Why, in words a reader of the report understands; empty when kept. */
  reason: string;
  findings: ScreeningFinding[];
  details: Record<string, number | null>;
}
