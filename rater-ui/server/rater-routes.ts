import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  type AssignmentRecord,
  type NewRating,
  type RatingRecord,
  DIMENSIONS,
  PAIR_VALUE,
  RatingConflictError,
} from '../../core/types/index.js';
import { RatingSubmissionSchema } from '../shared/index.js';
import type { AdaptiveAllocation } from './adaptive-allocation.js';
import { checkClientTimes } from './client-clock.js';
import { checkOneRating } from './correction-rules.js';
import { ItemViews, type MediaPaths } from './item-view.js';
import { sendMedia } from './media-response.js';
import { checkSubmissionRate, type SubmissionLimit } from './rate-limit.js';
import { RatingWriter } from './rating-writer.js';
import { exampleKeys } from '../../core/study/index.js';
import type { StudyAccess, StudyContext } from './study-access.js';
import { zodJson } from './validate-json.js';
import { checkWatchTime, clipDurationMs } from './watch-check.js';

/** The rater's API: the session (next item and progress), submitting a rating, and the media of its own items. */
export function raterRoutes(access: StudyAccess, allocation: AdaptiveAllocation, limit: SubmissionLimit, now: () => number) {
  const views = new ItemViews(access);
  const writer = new RatingWriter(access.store);

  async function load(token: string) {
    const { grant, ctx } = await access.open(token, 'rater');
    return { grant, ctx, assignments: await access.raterAssignments(ctx, grant.raterId!) };
  }

  /** As `load`, with the rater's ratings (read with the study's status) and where their media are. */
  async function loadRated(token: string) {
    const { grant, ctx, ratings } = await access.openRater(token);
    const assignments = await access.raterAssignments(ctx, grant.raterId!);
    const paths: MediaPaths = { examples: `/api/r/${token}/media`, item: (a) => `/api/r/${token}/items/${a.id}/media` };
    return { grant, ctx, assignments, ratings, paths };
  }

  /** The session, after handing out one more item where an adaptive study's rater has rated all of theirs. */
  async function session(
    ctx: StudyContext,
    raterId: string,
    assignments: readonly AssignmentRecord[],
    ratings: readonly RatingRecord[],
    paths: MediaPaths,
  ) {
    const next = await allocation.topUp(ctx, raterId, assignments, ratings);
    return views.session(ctx, next.assignments, ratings, paths, next.noMoreNeeded);
  }

  return new Hono()
    .get('/:token/session', async (c) => {
      const { grant, ctx, assignments, ratings, paths } = await loadRated(c.req.param('token'));
      return c.json(await session(ctx, grant.raterId!, assignments, ratings, paths));
    })
    .post('/:token/ratings', zodJson(RatingSubmissionSchema), async (c) => {
      const { grant, ctx, assignments, ratings: before, paths } = await loadRated(c.req.param('token'));
      const body = c.req.valid('json');
      const assignment = assignments.find((a) => a.id === body.assignmentId);
      // Another rater's item reads exactly like an unknown one.
      if (!assignment) throw new HTTPException(404, { message: `no item "${body.assignmentId}" among your items` });
      const raterId = grant.raterId!;
      // A resend of a stored submission (its reply was lost, or it went to two servers) is acknowledged again, not stored again.
      const earlier = before.filter((r) => r.submissionId === body.submissionId);
      if (earlier.some((r) => r.assignmentId !== assignment.id))
        throw new HTTPException(409, { message: `submission "${body.submissionId}" was sent for another item` });
      if (earlier.length > 0)
        return c.json({ stored: earlier.length, replayed: true, session: await session(ctx, raterId, assignments, before, paths) });
      if (ctx.study.status !== 'open') throw new HTTPException(409, { message: 'this study is closed; your earlier ratings are kept' });
      const correction = body.correction === true;
      checkOneRating(correction, assignment, assignments, before);
      checkSubmissionRate(before, limit, now());
      if (body.kind !== 'cannot-rate' && body.kind !== ctx.study.mode) {
        throw new HTTPException(400, { message: `this is a ${ctx.study.mode} study: send kind "${ctx.study.mode}" or "cannot-rate"` });
      }
      checkClientTimes(body, now());
      const durationMs = clipDurationMs(ctx, assignment);
      const video = durationMs !== null;
      // A correction follows a rating that passed these checks; "cannot rate" (the video did not load) needs no watching.
      if (video && body.kind !== 'cannot-rate' && !correction) {
        if (body.watchedToEnd !== true)
          throw new HTTPException(422, { message: 'the video must play to the end once before it can be scored' });
        const served = (await access.store.listServed({ studyId: grant.studyId, raterId })).find((s) => s.assignmentId === assignment.id);
        checkWatchTime({ durationMs, firstServedAt: served?.firstServedAt, now: now(), timeMs: body.timeMs });
      }
      const base = {
        studyId: grant.studyId,
        assignmentId: assignment.id,
        raterId,
        timeMs: body.timeMs,
        watchedToEnd: video ? body.watchedToEnd : null,
        submissionId: body.submissionId,
        clientShownAt: body.shownAt,
        clientAnsweredAt: body.answeredAt,
        correction,
      };
      const rows: NewRating[] = DIMENSIONS.map((dimension) => {
        if (body.kind === 'likert') return { ...base, dimension, value: body.scores[dimension], cannotRate: null };
        if (body.kind === 'pairwise') return { ...base, dimension, value: PAIR_VALUE[body.votes[dimension]], cannotRate: null };
        return { ...base, dimension, value: null, cannotRate: body.note ? `${body.reason}: ${body.note}` : body.reason };
      });
      // Committed before the reply: an acknowledged rating survives a crash. Another server may have stored this item's rating a moment ago.
      const stored = await writer.write(rows).catch((e: unknown) => {
        throw e instanceof RatingConflictError ? new HTTPException(409, { message: e.message }) : e;
      });
      return c.json({
        stored: stored.length,
        replayed: false,
        session: await session(ctx, raterId, assignments, [...before, ...stored], paths),
      });
    })
    .get('/:token/items/:assignmentId/media/:mediaId', async (c) => {
      const { grant, ctx, assignments } = await load(c.req.param('token'));
      const a = assignments.find((x) => x.id === c.req.param('assignmentId'));
      if (!a) throw new HTTPException(404, { message: 'media not found' });
      const reply = await sendMedia(c, access, ctx, c.req.param('mediaId'), new Set(a.item.split('|')));
      // The first sending of a clip's media starts its clock (watch-check.ts); later requests (ranges, reloads) keep it.
      // Images have no watching rule, so their sending writes nothing.
      if (clipDurationMs(ctx, a) !== null) {
        await access.store.markServed(
          { studyId: grant.studyId, assignmentId: a.id, raterId: grant.raterId! },
          new Date(now()).toISOString(),
        );
      }
      return reply;
    })
    .get('/:token/media/:mediaId', async (c) => {
      const { ctx } = await load(c.req.param('token'));
      // Only the start page's examples: an item's media go through its own path, which records the serving.
      return sendMedia(c, access, ctx, c.req.param('mediaId'), exampleKeys(ctx.config.examples));
    });
}
