import { formatUsd, type GenerationRecord, type Generator, type LedgerEntry, type Store } from '../types/index.js';

/** How `loupe jobs` shows a ledger row: the generation it belongs to, its age, its price. */

export interface LedgerRow {
  entry: LedgerEntry;
  /** Absent when the generation is no longer in the store (a row a changed plan left). */
  generation: GenerationRecord | undefined;
}

/** Each row with its generation, read once per key. */
export async function withGenerations(store: Store, entries: readonly LedgerEntry[]): Promise<LedgerRow[]> {
  const keys = [...new Set(entries.map((e) => e.generationKey))];
  const generations = new Map(await Promise.all(keys.map(async (k) => [k, await store.getGeneration(k)] as const)));
  return entries.map((entry) => ({ entry, generation: generations.get(entry.generationKey) }));
}

/** The prompt, language and sample of the row's generation: what a user recognises. */
export function promptLabel({ generation }: LedgerRow): string {
  if (!generation) return '?';
  return `${generation.promptId} ${generation.language}${generation.sample > 0 ? ` #${generation.sample}` : ''}`;
}

/** The generation key's first 8 hex digits, enough to find it in the store or the report. */
export const shortKey = (row: LedgerRow): string => row.entry.generationKey.slice(0, 8);

export function age(since: string, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)}m`;
  if (s < 2 * 86_400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

export const price = (entry: LedgerEntry): string => (entry.priceUsd === null ? '-' : formatUsd(entry.priceUsd));

export function shorten(text: string | null, max = 80): string {
  if (text === null || text === '') return '-';
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The service a generator talks to, for messages: its preset (or adapter type) and the host of
 * the first URL in its identity (a base URL, a create request), which never holds a key.
 */
export function serviceOf(generator: Generator): string {
  const identity = generator.identity();
  const name = typeof identity.preset === 'string' ? identity.preset : generator.type;
  const url = /https?:\/\/[^\s"'{}]+/.exec(JSON.stringify(identity))?.[0];
  try {
    return url ? `${name} (${new URL(url).host})` : name;
  } catch {
    return name;
  }
}
