/**
 * The ledger: one row per request that may bill (a synchronous generation request, or a remote
 * job from its create to its stored result), written before its answer is awaited. A resume, a
 * later process or a queue worker reads it to poll or download again instead of paying again.
 */

/**
 * Where a paid request stands. `sending`: on the wire, no answer yet. `created`: the service
 * accepted a job and gave its id. `polling`: the job's status is being asked. `result-ready`:
 * the service finished it; its result URLs are known. `downloaded`: the media is in the media
 * store. `stored`: the generation is done. `failed`: ended without media (a 4xx, a 5xx, a failed
 * job: nothing billed unless the service says so). `cancelled`: stopped at the service.
 * `unknown`: sent, and no answer ever came (the process stopped, the connection broke): the
 * service may have made and billed it; find it in the service's console by its time.
 */
export type LedgerPhase = 'sending' | 'created' | 'polling' | 'result-ready' | 'downloaded' | 'stored' | 'failed' | 'cancelled' | 'unknown';

/** Phases of a request that a later attempt picks up (poll, download or store again) rather than pays for again. */
export const RESUMABLE_PHASES: ReadonlySet<LedgerPhase> = new Set(['sending', 'created', 'polling', 'result-ready', 'downloaded']);

/** Phases of a request still open at the service: sent or running there, or finished there with its result not yet fetched. */
export const OPEN_PHASES: readonly LedgerPhase[] = ['sending', 'created', 'polling', 'result-ready'];

export interface LedgerEntry {
  id: number;
  generationKey: string;
  generatorId: string;
  /** The claim of the generation this request belongs to (1 = first). */
  attempt: number;
  phase: LedgerPhase;
  /** The provider's job or request id; set before sending where the client chooses it (ComfyUI). */
  jobId: string | null;
  /** What the adapter needs to go on (a create answer's status and result URLs...), without secrets. */
  detail: Record<string, unknown> | null;
  resultUrls: string[] | null;
  /** When the result URLs stop working, if the service says. */
  resultExpiresAt: string | null;
  /** The price of this request in US dollars, as the config or the service states it. */
  priceUsd: number | null;
  /** The media once stored (phase `downloaded` and `stored`). */
  mediaHash: string | null;
  /** Why it failed, was cancelled or is unknown. */
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

export type LedgerOpen = Pick<LedgerEntry, 'generationKey' | 'generatorId' | 'attempt' | 'phase'> &
  Partial<Pick<LedgerEntry, 'jobId' | 'detail' | 'resultUrls' | 'resultExpiresAt' | 'priceUsd' | 'mediaHash' | 'message'>>;

export type LedgerChange = Partial<
  Pick<LedgerEntry, 'phase' | 'jobId' | 'detail' | 'resultUrls' | 'resultExpiresAt' | 'priceUsd' | 'mediaHash' | 'message'>
>;

export interface LedgerFilter {
  runId?: string;
  generationKey?: string;
  generatorId?: string;
  phases?: readonly LedgerPhase[];
}

/** Phases of a request that bill nothing: the service answered with an error, or the job was stopped before it finished. */
export const UNBILLED_PHASES: ReadonlySet<LedgerPhase> = new Set(['failed', 'cancelled']);

/** A run's spending limit: the sum of `priceUsd` over its billing ledger rows (unknown outcomes included). */
export interface Budget {
  runId: string;
  usd: number;
}

export type Reservation = { ok: true; id: number } | { ok: false; spentUsd: number };

export interface LedgerStore {
  /** Writes a new row and returns its id; committed before the call returns. */
  openLedgerEntry(entry: LedgerOpen): Promise<number>;
  /**
   * Opens a row only if the run's spend with its price stays within the budget, in one step that
   * other processes and workers of the run wait for, so that together they never pass it.
   */
  reserveLedgerEntry(entry: LedgerOpen, budget: Budget): Promise<Reservation>;
  /** Changes the given fields of a row (unknown ids are an error). */
  updateLedgerEntry(id: number, change: LedgerChange): Promise<void>;
  /** Rows in order of creation. */
  listLedger(filter?: LedgerFilter): Promise<LedgerEntry[]>;
}
