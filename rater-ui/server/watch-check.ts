import { HTTPException } from 'hono/http-exception';
import type { AssignmentRecord } from '../../core/types/index.js';
import type { StudyContext } from './study-access.js';

/**
 * What a rating of a clip may not beat, in milliseconds: it cannot arrive sooner after the
 * server first sent the item's media, nor report less time on the item, than the clip lasts,
 * less this much. It covers the difference between the clocks of servers sharing one store and
 * a container's duration against the time the browser plays (an audio tail, a rounded last frame).
 */
export const WATCH_TOLERANCE_MS = 500;

/** The longest clip of the item as prepared for raters (pairwise: both play, so the longer one); null for images. */
export function clipDurationMs(ctx: StudyContext, a: AssignmentRecord): number | null {
  const durations = a.item.split('|').map((k) => ctx.config.blinded[k]?.durationMs ?? null);
  const known = durations.filter((d): d is number => d !== null);
  return known.length > 0 ? Math.max(...known) : null;
}

/**
 * Refuses (422, a message the rater sees) a rating of a clip that the server knows could not have
 * been watched: its media never sent, sent less than the clip's length ago, or a time on item
 * shorter than the clip. Images have no duration rule.
 */
export function checkWatchTime(o: { durationMs: number | null; firstServedAt: string | undefined; now: number; timeMs: number }): void {
  if (o.durationMs === null) return;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  if (o.firstServedAt === undefined)
    throw new HTTPException(422, {
      message: 'the video of this item was never loaded; play it to the end, then submit (your answers are kept)',
    });
  const since = o.now - Date.parse(o.firstServedAt);
  if (since < o.durationMs - WATCH_TOLERANCE_MS) {
    throw new HTTPException(422, {
      message: `this rating came ${seconds(Math.max(0, since))} after the video was first sent, but it lasts ${seconds(o.durationMs)}; watch it to the end, then submit (your answers are kept)`,
    });
  }
  if (o.timeMs < o.durationMs - WATCH_TOLERANCE_MS) {
    throw new HTTPException(422, {
      message: `the time on this item (${seconds(o.timeMs)}) is shorter than the video (${seconds(o.durationMs)}); watch it to the end, then submit (your answers are kept)`,
    });
  }
}
