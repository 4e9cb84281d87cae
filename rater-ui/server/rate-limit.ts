import { HTTPException } from 'hono/http-exception';
import type { RatingRecord } from '../../core/types/index.js';

export interface SubmissionLimit {
  max: number;
  windowMs: number;
}

/**
 * Refuses a submission when the rater already has `max` submissions stored in the last window:
 * enough for a person, not for a script flooding the store. It counts what is in the store, not
 * what this process saw, so the limit holds for a rater whose requests go to several servers.
 */
export function checkSubmissionRate(stored: readonly RatingRecord[], limit: SubmissionLimit, now: number): void {
  const since = now - limit.windowMs;
  const times = new Map<string, number>();
  for (const r of stored) {
    const at = Date.parse(r.createdAt);
    // Rows of one submission share its id; rows without one (imports) share their time of storing.
    if (at > since) times.set(r.submissionId ?? `${r.assignmentId}@${r.createdAt}`, at);
  }
  if (times.size < limit.max) return;
  const oldest = Math.min(...times.values());
  const retry = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
  throw new HTTPException(429, { message: 'too many submissions; wait a moment', cause: retry });
}
