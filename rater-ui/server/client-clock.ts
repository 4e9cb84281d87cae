import { HTTPException } from 'hono/http-exception';

/** How far a rater's device clock may be from the server's before its timestamps say nothing. */
export const CLOCK_TOLERANCE_MS = 15 * 60_000;

/**
 * Checks the client's timestamps of a submission against each other, its time on item, and the
 * server's clock. A refusal is a 422 the rater can act on; the answers stay in the browser.
 */
export function checkClientTimes(body: { shownAt: string; answeredAt: string; timeMs: number }, serverNow: number): void {
  const shown = Date.parse(body.shownAt);
  const answered = Date.parse(body.answeredAt);
  if (answered < shown) throw new HTTPException(422, { message: 'answeredAt is before shownAt' });
  // The client derives timeMs from the same two readings; a second covers rounding.
  if (Math.abs(answered - shown - body.timeMs) > 1000) {
    throw new HTTPException(422, {
      message: `timeMs (${body.timeMs}) does not match the time from shownAt to answeredAt (${answered - shown})`,
    });
  }
  const skew = answered - serverNow;
  if (Math.abs(skew) > CLOCK_TOLERANCE_MS) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    throw new HTTPException(422, {
      message: `this device's clock is ${minutes} minutes ${skew > 0 ? 'ahead of' : 'behind'} the server's; set it right and submit again (your answers are kept)`,
    });
  }
}
