import {
  type ErrorCategory,
  type Language,
  type Modality,
  type PromptSet,
  type AssignmentRecord,
  type GenerationRecord,
  type GenerationState,
  type GenerationCount,
  type GenerationStatus,
  type PlannedGeneration,
  type RatingRecord,
  type NewRating,
  type ServedItem,
  type RunRecord,
  type ScoreRecord,
  type StoredPromptSet,
  type StudyRecord,
  type LedgerChange,
  type LedgerEntry,
  type LedgerPhase,
} from '../../types/index.js';

/**
 * Rows as the stores read them: snake_case columns, JSON as text, times as ISO strings. Booleans
 * are 0/1 in SQLite and true/false in Postgres.
 */
export interface PromptSetRow {
  id: string;
  version: number;
  content_hash: string;
  json: string;
  source: string;
  created_at: string;
}

export interface RunRow {
  id: string;
  config: string;
  status: RunRecord['status'];
  created_at: string;
  updated_at: string;
}

export interface GenerationRow {
  key: string;
  generator_id: string;
  generator_type: string;
  prompt_set_id: string;
  prompt_set_version: number;
  prompt_id: string;
  category: string;
  language: Language;
  text: string;
  seed: number;
  sample: number;
  modality: Modality;
  status: GenerationStatus;
  attempts: number;
  claimed_by: string | null;
  claimed_at: string | null;
  media_hash: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  fps: number | null;
  latency_ms: number | null;
  cost_usd: number | null;
  provider_ids: string | null;
  error_category: ErrorCategory | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScoreRow {
  generation_key: string;
  metric_id: string;
  metric_version: string;
  value: number | null;
  details: string;
  provenance: string;
  error: string | null;
  created_at: string;
}

export interface StudyRow {
  id: string;
  run_id: string;
  name: string;
  mode: StudyRecord['mode'];
  config: string;
  status: StudyRecord['status'];
  created_at: string;
  config_version: number;
}

export interface AssignmentRow {
  id: string;
  study_id: string;
  rater_id: string;
  item: string;
  position: number;
  kind: AssignmentRecord['kind'];
  created_at: string;
}

export interface RatingRow {
  id: number;
  study_id: string;
  assignment_id: string;
  rater_id: string;
  dimension: string;
  value: number | null;
  cannot_rate: string | null;
  time_ms: number;
  watched_to_end: number | boolean | null;
  submission_id: string | null;
  client_shown_at: string | null;
  client_answered_at: string | null;
  slot: 'first' | 'correction' | null;
  created_at: string;
}

export interface ServedRow {
  study_id: string;
  assignment_id: string;
  rater_id: string;
  first_served_at: string;
}

export function toServed(r: ServedRow): ServedItem {
  return { studyId: r.study_id, assignmentId: r.assignment_id, raterId: r.rater_id, firstServedAt: r.first_served_at };
}

/** The slot a rating takes (see the ratings_one_per_item index): rows without a submission id take none. */
export function ratingSlot(r: NewRating): RatingRow['slot'] {
  if (!r.submissionId) return null;
  return r.correction ? 'correction' : 'first';
}

export function toStoredPromptSet(r: PromptSetRow): StoredPromptSet {
  return { set: JSON.parse(r.json) as PromptSet, contentHash: r.content_hash, source: r.source, createdAt: r.created_at };
}

export function toRun(r: RunRow): RunRecord {
  return { id: r.id, config: parseJson(r.config), status: r.status, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** The named parameters for inserting a planned generation. */
export function plannedParams(g: PlannedGeneration): Record<string, string | number> {
  return {
    key: g.key,
    generator_id: g.generatorId,
    generator_type: g.generatorType,
    prompt_set_id: g.promptSetId,
    prompt_set_version: g.promptSetVersion,
    prompt_id: g.promptId,
    category: g.category,
    language: g.language,
    text: g.text,
    seed: g.seed,
    sample: g.sample,
    modality: g.modality,
  };
}

export type GenerationStateRow = Pick<GenerationRow, 'key' | 'status' | 'error_category' | 'cost_usd'>;

/** The columns `generationStates` reads, in the order of `GenerationStateRow`. */
export const GENERATION_STATE_COLUMNS = 'g.key, g.status, g.error_category, g.cost_usd';

export function toGenerationStates(rows: readonly GenerationStateRow[]): Map<string, GenerationState> {
  return new Map(rows.map((r) => [r.key, { status: r.status, errorCategory: r.error_category, costUsd: r.cost_usd }]));
}

// Ordered by each group's first planned id, so a generator first appears where it was first planned.
export const COUNT_GENERATIONS = (runIdParam: string) => `
  SELECT g.generator_id, g.status, count(*) AS count FROM generations g
  JOIN run_generations rg ON rg.generation_key = g.key AND rg.run_id = ${runIdParam}
  GROUP BY g.generator_id, g.status ORDER BY min(g.id)`;

/** Postgres counts as bigint, which its driver gives as a string. */
export interface GenerationCountRow {
  generator_id: string;
  status: GenerationStatus;
  count: number | string;
}

export function toGenerationCount(r: GenerationCountRow): GenerationCount {
  return { generatorId: r.generator_id, status: r.status, count: Number(r.count) };
}

export function toGeneration(r: GenerationRow): GenerationRecord {
  return {
    key: r.key,
    generatorId: r.generator_id,
    generatorType: r.generator_type,
    promptSetId: r.prompt_set_id,
    promptSetVersion: r.prompt_set_version,
    promptId: r.prompt_id,
    category: r.category,
    language: r.language,
    text: r.text,
    seed: r.seed,
    sample: r.sample,
    modality: r.modality,
    status: r.status,
    attempts: r.attempts,
    mediaHash: r.media_hash,
    mime: r.mime,
    width: r.width,
    height: r.height,
    durationSec: r.duration_sec,
    fps: r.fps,
    latencyMs: r.latency_ms,
    costUsd: r.cost_usd,
    providerIds: r.provider_ids === null ? null : (JSON.parse(r.provider_ids) as Record<string, string>),
    errorCategory: r.error_category,
    errorMessage: r.error_message,
    claimedBy: r.claimed_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toScore(r: ScoreRow): ScoreRecord {
  return {
    generationKey: r.generation_key,
    metricId: r.metric_id,
    metricVersion: r.metric_version,
    value: r.value,
    details: JSON.parse(r.details) as Record<string, unknown>,
    provenance: JSON.parse(r.provenance) as Record<string, unknown>,
    error: r.error,
    createdAt: r.created_at,
  };
}

export function toStudy(r: StudyRow): StudyRecord {
  return {
    id: r.id,
    runId: r.run_id,
    name: r.name,
    mode: r.mode,
    config: parseJson(r.config),
    status: r.status,
    createdAt: r.created_at,
    configVersion: r.config_version,
  };
}

export function toAssignment(r: AssignmentRow): AssignmentRecord {
  return {
    id: r.id,
    studyId: r.study_id,
    raterId: r.rater_id,
    item: r.item,
    position: r.position,
    kind: r.kind,
    createdAt: r.created_at,
  };
}

export function toRating(r: RatingRow): RatingRecord {
  return {
    id: r.id,
    studyId: r.study_id,
    assignmentId: r.assignment_id,
    raterId: r.rater_id,
    dimension: r.dimension,
    value: r.value,
    cannotRate: r.cannot_rate,
    timeMs: r.time_ms,
    watchedToEnd: r.watched_to_end === null ? null : Boolean(r.watched_to_end),
    submissionId: r.submission_id,
    clientShownAt: r.client_shown_at,
    clientAnsweredAt: r.client_answered_at,
    correction: r.slot === 'correction',
    createdAt: r.created_at,
  };
}

export interface LedgerRow {
  id: number;
  generation_key: string;
  generator_id: string;
  attempt: number;
  phase: LedgerPhase;
  job_id: string | null;
  detail: string | null;
  result_urls: string | null;
  result_expires_at: string | null;
  price_usd: number | null;
  media_hash: string | null;
  message: string | null;
  created_at: string;
  updated_at: string;
}

export function toLedgerEntry(r: LedgerRow): LedgerEntry {
  return {
    id: Number(r.id),
    generationKey: r.generation_key,
    generatorId: r.generator_id,
    attempt: r.attempt,
    phase: r.phase,
    jobId: r.job_id,
    detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
    resultUrls: r.result_urls === null ? null : (JSON.parse(r.result_urls) as string[]),
    resultExpiresAt: r.result_expires_at,
    priceUsd: r.price_usd,
    mediaHash: r.media_hash,
    message: r.message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Column values of a ledger change (JSON columns as text), for both stores' UPDATE. */
export function ledgerColumns(change: LedgerChange): Record<string, string | number | null> {
  const columns: Record<string, string | number | null> = {};
  if (change.phase !== undefined) columns.phase = change.phase;
  if (change.jobId !== undefined) columns.job_id = change.jobId;
  if (change.detail !== undefined) columns.detail = change.detail === null ? null : JSON.stringify(change.detail);
  if (change.resultUrls !== undefined) columns.result_urls = change.resultUrls === null ? null : JSON.stringify(change.resultUrls);
  if (change.resultExpiresAt !== undefined) columns.result_expires_at = change.resultExpiresAt;
  if (change.priceUsd !== undefined) columns.price_usd = change.priceUsd;
  if (change.mediaHash !== undefined) columns.media_hash = change.mediaHash;
  if (change.message !== undefined) columns.message = change.message;
  return columns;
}

/** Free-form JSON columns (a run's or study's config); `undefined` is stored as SQL text "null". */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}
