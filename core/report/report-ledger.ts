import type { GenerationRecord, LedgerEntry, LedgerPhase } from '../types/index.js';

/** Phases that bill nothing: the service answered with an error, or the job was stopped there. */
const NOT_BILLED: ReadonlySet<LedgerPhase> = new Set(['failed', 'cancelled']);

/** Phases of a job the service holds and has not handed over yet: a resume polls or downloads it. */
export const OPEN_AT_SERVICE: ReadonlySet<LedgerPhase> = new Set(['created', 'polling', 'result-ready']);

/** What the ledger says of a group of paid requests. */
export interface LedgerLine {
  /** Rows that bill or may bill: every phase but failed and cancelled. */
  requests: number;
  /** Of those, sent without a usable answer: the service may have made and billed them. */
  unknown: number;
  /** Of those, jobs the service still holds (created, polling, result-ready). */
  open: number;
  /** Of those, on the wire with no answer recorded yet. */
  sending: number;
  /** Not billed: stopped at the service, and answered with an error. */
  cancelled: number;
  failed: number;
  /** The price of the billing rows in US dollars, unknown outcomes included. */
  priceUsd: number;
  /** Billing rows without a price: priceUsd is then a lower bound. */
  priceUnknown: number;
}

/** One ledger row as the report shows it: the request, and the prompt of its generation. */
export interface LedgerItem {
  id: number;
  generatorId: string;
  generationKey: string;
  promptSetId: string;
  promptSetVersion: number;
  promptId: string;
  language: string;
  sample: number;
  attempt: number;
  phase: LedgerPhase;
  jobId: string | null;
  priceUsd: number | null;
  message: string | null;
  /** When the row was opened, just before the request was sent: what to look for in the provider's console. */
  createdAt: string;
  updatedAt: string;
}

export interface LedgerReport extends LedgerLine {
  byGenerator: (LedgerLine & { generatorId: string })[];
  entries: LedgerItem[];
}

export function ledgerLine(entries: readonly Pick<LedgerEntry, 'phase' | 'priceUsd'>[]): LedgerLine {
  const billed = entries.filter((e) => !NOT_BILLED.has(e.phase));
  const count = (phases: ReadonlySet<LedgerPhase>) => entries.filter((e) => phases.has(e.phase)).length;
  return {
    requests: billed.length,
    unknown: count(new Set(['unknown'])),
    open: count(OPEN_AT_SERVICE),
    sending: count(new Set(['sending'])),
    cancelled: count(new Set(['cancelled'])),
    failed: count(new Set(['failed'])),
    // Summed to a billionth of a dollar, as the spend from done generations is (report-spend.ts).
    priceUsd: Math.round(billed.reduce((a, e) => a + (e.priceUsd ?? 0), 0) * 1e9) / 1e9,
    priceUnknown: billed.filter((e) => e.priceUsd === null).length,
  };
}

/**
 * The run's ledger per generator (in the report's order, zeros for one without rows) and in all,
 * with every row joined to the prompt of its generation.
 */
export function buildLedger(
  entries: readonly LedgerEntry[],
  generations: readonly GenerationRecord[],
  generatorIds: readonly string[],
): LedgerReport {
  const wanted = new Set(entries.map((e) => e.generationKey));
  const byKey = new Map(generations.flatMap((g) => (wanted.has(g.key) ? [[g.key, g] as const] : [])));
  const ids = [...new Set([...generatorIds, ...entries.map((e) => e.generatorId)])];
  return {
    ...ledgerLine(entries),
    byGenerator: ids.map((generatorId) => ({ generatorId, ...ledgerLine(entries.filter((e) => e.generatorId === generatorId)) })),
    entries: entries.map((e) => {
      const g = byKey.get(e.generationKey);
      return {
        id: e.id,
        generatorId: e.generatorId,
        generationKey: e.generationKey,
        // listLedger({ runId }) joins the run's generations, so a row without one is not expected; it is still shown.
        promptSetId: g?.promptSetId ?? '',
        promptSetVersion: g?.promptSetVersion ?? 0,
        promptId: g?.promptId ?? '',
        language: g?.language ?? '',
        sample: g?.sample ?? 0,
        attempt: e.attempt,
        phase: e.phase,
        jobId: e.jobId,
        priceUsd: e.priceUsd,
        message: e.message,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
      };
    }),
  };
}
