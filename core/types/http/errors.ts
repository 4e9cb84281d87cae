import type { ErrorCategory, GenerationError } from '../generator.js';

export function failure(
  category: ErrorCategory,
  message: string,
  retryable: boolean,
  retryAfterMs?: number,
): { ok: false; error: GenerationError } {
  return { ok: false, error: { category, message, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
}

/** Words providers use when a safety filter refuses a prompt or an output (OpenAI, DashScope, MiniMax, fal...). */
const REFUSAL =
  /content[_ -]?policy|moderation|safety[_ ]?(system|filter|check)|nsfw|sensitive|DataInspectionFailed|inappropriate|flagged/i;

export const looksRefused = (text: string): boolean => REFUSAL.test(text);

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110, section 10.2.3).
 * Returns milliseconds from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The category of an HTTP status: what went wrong and whether trying again may help. */
export function classifyStatus(status: number, bodyText: string, retryAfter: string | null, what: string): GenerationError {
  const detail = `${what}: HTTP ${status}${bodyText ? `: ${excerpt(bodyText)}` : ''}`;
  const retryAfterMs = parseRetryAfter(retryAfter);
  const withHint = (e: GenerationError): GenerationError => (retryAfterMs !== undefined ? { ...e, retryAfterMs } : e);
  if (status === 429) return withHint({ category: 'rate-limit', message: detail, retryable: true });
  if (status === 401 || status === 403) return { category: 'auth', message: detail, retryable: false };
  if (status === 408) return { category: 'timeout', message: detail, retryable: true };
  if (status >= 500) return withHint({ category: 'server', message: detail, retryable: true });
  if (looksRefused(bodyText)) return { category: 'refused', message: detail, retryable: false };
  return { category: 'bad-request', message: detail, retryable: false };
}

/** A short, single-line piece of a response body for an error message. */
export function excerpt(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Removes secrets and URL query strings (some services take keys there) from a message. */
export function redact(message: string, secrets: readonly string[]): string {
  let out = message.replace(/(https?:\/\/[^\s?"']+)\?[^\s"']*/g, '$1?…');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}
