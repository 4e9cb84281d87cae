import type { LedgerEntry } from '../../core/types/index.js';

/** The result URL an earlier attempt recorded, while it may still work (its expiry is wall-clock time). */
export function validResultUrl(entry: LedgerEntry | undefined, now: number = Date.now()): string | undefined {
  if (entry?.phase !== 'result-ready') return undefined;
  if (entry.resultExpiresAt !== null && Date.parse(entry.resultExpiresAt) <= now) return undefined;
  return entry.resultUrls?.[0];
}

/** When a result URL that lives `ttlMs` stops working, for the ledger. */
export function expiryAfter(ttlMs: number | undefined, now: number = Date.now()): string | null {
  return ttlMs === undefined ? null : new Date(now + ttlMs).toISOString();
}
