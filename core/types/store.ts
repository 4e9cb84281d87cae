import type { ErrorCategory } from './generator.js';
import type { Language, Modality, PromptSet } from './prompt.js';

export type GenerationStatus = 'pending' | 'running' | 'done' | 'failed';

/** One planned media item. Its key identifies it across runs: the same key is never paid for twice. */
export interface PlannedGeneration {
  key: string;
  generatorId: string;
  generatorType: string;
  promptSetId: string;
  promptSetVersion: number;
  promptId: string;
  category: string;
  language: Language;
  /** The exact text sent to the generator. */
  text: string;
  seed: number;
  sample: number;
  modality: Modality;
}

export interface GenerationRecord extends PlannedGeneration {
  status: GenerationStatus;
  attempts: number;
  mediaHash: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  fps: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  providerIds: Record<string, string> | null;
  errorCategory: ErrorCategory | null;
  errorMessage: string | null;
  /** Who is making it while status is 'running' (`host:pid` on one machine). */
  claimedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type GenerationOutcome =
  | {
      status: 'done';
      mediaHash: string;
      mime: string;
      width: number;
      height: number;
      durationSec?: number;
      fps?: number;
      latencyMs: number;
      costUsd?: number;
      providerIds?: Record<string, string>;
    }
  | { status: 'failed'; errorCategory: ErrorCategory; errorMessage: string; latencyMs?: number };

export interface RunRecord {
  id: string;
  /** The validated config the run was started with, secrets never included. */
  config: unknown;
  status: 'planned' | 'generating' | 'scoring' | 'done' | 'interrupted';
  createdAt: string;
  updatedAt: string;
}

export interface ScoreRecord {
  generationKey: string;
  metricId: string;
  metricVersion: string;
  value: number | null;
  details: Record<string, unknown>;
  provenance: Record<string, unknown>;
  error: string | null;
  createdAt: string;
}

export interface StudyRecord {
  id: string;
  runId: string;
  name: string;
  mode: 'likert' | 'pairwise';
  config: unknown;
  status: 'open' | 'closed';
  createdAt: string;
}

export interface AssignmentRecord {
  id: string;
  studyId: string;
  raterId: string;
  /** A generation key (likert) or two keys joined by "|" (pairwise). */
  item: string;
  position: number;
  kind: 'normal' | 'gold' | 'repeat';
  createdAt: string;
}

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

export interface GenerationFilter {
  runId?: string;
  status?: GenerationStatus;
  generatorId?: string;
}

export interface StoredPromptSet {
  set: PromptSet;
  /** sha256 of the canonical JSON of the set: a changed wording under the same version is refused. */
  contentHash: string;
  source: string;
  createdAt: string;
}

/**
 * Everything Loupe keeps, behind one asynchronous interface so that SQLite (one machine)
 * and Postgres (a team) are interchangeable. Every implementation passes test/core/store-contract.
 */
export interface Store {
  readonly kind: string;
  close(): Promise<void>;
  schemaVersion(): Promise<number>;

  /** Stores a prompt set version. The same content again is a no-op; different content under an existing id and version throws. */
  putPromptSet(set: PromptSet, source: string): Promise<{ created: boolean }>;
  getPromptSet(id: string, version?: number): Promise<StoredPromptSet | undefined>;
  listPromptSets(): Promise<StoredPromptSet[]>;

  /** Creates the run or returns the existing one with this id (a resume). */
  openRun(id: string, config: unknown): Promise<{ run: RunRecord; resumed: boolean }>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(): Promise<RunRecord[]>;
  setRunStatus(id: string, status: RunRecord['status']): Promise<void>;

  /** Adds planned generations to a run in one transaction; existing keys are linked, not replaced. */
  planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }>;
  /**
   * Marks a generation as running for `owner` unless it is done or already claimed by a live owner.
   * Returns false when someone else holds it or it is finished: the caller must not send the request.
   */
  claimGeneration(key: string, owner: string): Promise<boolean>;
  /** Puts claimed-but-unfinished generations of an owner (or of every owner) back to pending. */
  releaseClaims(owner?: string): Promise<number>;
  finishGeneration(key: string, outcome: GenerationOutcome): Promise<void>;
  getGeneration(key: string): Promise<GenerationRecord | undefined>;
  listGenerations(filter?: GenerationFilter): Promise<GenerationRecord[]>;

  /** Writes scores; an existing (generation, metric, version) is replaced. */
  putScores(scores: readonly Omit<ScoreRecord, 'createdAt'>[]): Promise<void>;
  listScores(filter?: { runId?: string; metricId?: string }): Promise<ScoreRecord[]>;

  createStudy(study: Omit<StudyRecord, 'createdAt'>): Promise<StudyRecord>;
  getStudy(id: string): Promise<StudyRecord | undefined>;
  listStudies(): Promise<StudyRecord[]>;
  setStudyStatus(id: string, status: StudyRecord['status']): Promise<void>;
  addAssignments(assignments: readonly Omit<AssignmentRecord, 'createdAt'>[]): Promise<void>;
  /**
   * Replaces a study's config and adds assignments in one transaction, only while its config is
   * still `from` (compared as JSON): of two processes extending a study at once, one does and the
   * other gets false, so nothing is handed out twice. Throws for an unknown study.
   */
  extendStudy(
    id: string,
    change: { from: unknown; to: unknown; assignments: readonly Omit<AssignmentRecord, 'createdAt'>[] },
  ): Promise<boolean>;
  listAssignments(filter: { studyId: string; raterId?: string }): Promise<AssignmentRecord[]>;
  addRating(rating: NewRating): Promise<RatingRecord>;
  /**
   * Appends several ratings (one item's dimensions) in one transaction: all are stored or none.
   * A row whose (study, rater, submissionId, dimension) is already stored is not stored again,
   * also when two processes send it at once; the stored row is returned in its place.
   */
  addRatings(ratings: readonly NewRating[]): Promise<RatingRecord[]>;
  listRatings(filter: { studyId: string; raterId?: string }): Promise<RatingRecord[]>;
}
