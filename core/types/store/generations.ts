import type { ErrorCategory } from '../generator.js';
import type { Language, Modality } from '../prompt.js';

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
  | {
      status: 'failed';
      errorCategory: ErrorCategory;
      errorMessage: string;
      latencyMs?: number;
      /** What the provider or the adapter named before it failed (a job id, the imported file), for the report. */
      providerIds?: Record<string, string>;
    };

/** What planning reads of a generation: its status, why it failed (whether to retry) and what it cost. */
export type GenerationState = Pick<GenerationRecord, 'status' | 'errorCategory' | 'costUsd'>;

/** How many of a run's generations one generator has in one status. */
export interface GenerationCount {
  generatorId: string;
  status: GenerationStatus;
  count: number;
}

export interface GenerationFilter {
  runId?: string;
  status?: GenerationStatus;
  generatorId?: string;
}

/** The generation queue: planning, claims and outcomes. */
export interface GenerationStore {
  /** Adds planned generations to a run in one transaction; existing keys are linked, not replaced. */
  planGenerations(runId: string, planned: readonly PlannedGeneration[]): Promise<{ added: number; existing: number }>;
  /**
   * Marks a generation as running for `owner` unless it is done or already claimed by a live owner.
   * Returns false when someone else holds it or it is finished: the caller must not send the request.
   */
  claimGeneration(key: string, owner: string): Promise<boolean>;
  /** Puts claimed-but-unfinished generations of an owner (or of every owner) back to pending. */
  releaseClaims(owner?: string): Promise<number>;
  /** Puts one generation back to pending if `owner` holds it (a request the budget held back); returns whether it did. */
  releaseClaim(key: string, owner: string): Promise<boolean>;
  finishGeneration(key: string, outcome: GenerationOutcome): Promise<void>;
  getGeneration(key: string): Promise<GenerationRecord | undefined>;
  /**
   * The state of many generations at once (a plan of 160,000 keys is a few queries, not one per
   * key); a key the store has never seen is absent from the map.
   */
  generationStates(keys: readonly string[]): Promise<Map<string, GenerationState>>;
  listGenerations(filter?: GenerationFilter): Promise<GenerationRecord[]>;
  /** A run's generations counted by generator and status (no row read whole), generators in planning order. */
  countGenerations(runId: string): Promise<GenerationCount[]>;
}
