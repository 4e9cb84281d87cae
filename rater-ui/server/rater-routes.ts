import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type NewRating, DIMENSIONS, PAIR_VALUE } from '../../core/types/index.js';
import { RatingSubmissionSchema } from '../shared/index.js';
import { checkClientTimes } from './client-clock.js';
import { ItemViews } from './item-view.js';
import { sendMedia } from './media-response.js';
import { checkSubmissionRate, type SubmissionLimit } from './rate-limit.js';
import { RatingWriter } from './rating-writer.js';
import { exampleKeys } from '../../core/study/index.js';
import type { StudyAccess } from './study-access.js';
import { zodJson } from './validate-json.js';

/** The rater's API: the session (next item and progress), submitting a rating, and the media of its own items. */
export function raterRoutes(access: StudyAccess, limit: SubmissionLimit) {
  const views = new ItemViews(access);
  const writer = new RatingWriter(access.store);

  async function load(token: string) {
    const grant = await access.grant(token, 'rater');
    const ctx = await access.context(grant.studyId);
    const assignments = await access.raterAssignments(ctx, grant.raterId!);
    return { grant, ctx, assignments, mediaBase: `/api/r/${token}/media` };
  }

  return new Hono()
    .get('/:token/session', async (c) => {
      const { grant, ctx, assignments, mediaBase } = await load(c.req.param('token'));
      const ratings = await access.store.listRatings({ studyId: grant.studyId, raterId: grant.raterId! });
      return c.json(await views.session(ctx, assignments, ratings, mediaBase));
    })
    .post('/:token/ratings', zodJson(RatingSubmissionSchema), async (c) => {
      const token = c.req.param('token');
      const { grant, ctx, assignments, mediaBase } = await load(token);
      const body = c.req.valid('json');
      const assignment = assignments.find((a) => a.id === body.assignmentId);
      // Another rater's item reads exactly like an unknown one.
      if (!assignment) throw new HTTPException(404, { message: `no item "${body.assignmentId}" among your items` });
      const raterId = grant.raterId!;
      const before = await access.store.listRatings({ studyId: grant.studyId, raterId });
      // A resend of a stored submission (its reply was lost, or it went to two servers) is acknowledged again, not stored again.
      const earlier = before.filter((r) => r.submissionId === body.submissionId);
      if (earlier.some((r) => r.assignmentId !== assignment.id))
        throw new HTTPException(409, { message: `submission "${body.submissionId}" was sent for another item` });
      if (earlier.length > 0)
        return c.json({ stored: earlier.length, replayed: true, session: await views.session(ctx, assignments, before, mediaBase) });
      if (ctx.study.status !== 'open') throw new HTTPException(409, { message: 'this study is closed; your earlier ratings are kept' });
      checkSubmissionRate(before, limit, Date.now());
      if (body.kind !== 'cannot-rate' && body.kind !== ctx.study.mode) {
        throw new HTTPException(400, { message: `this is a ${ctx.study.mode} study: send kind "${ctx.study.mode}" or "cannot-rate"` });
      }
      checkClientTimes(body, Date.now());
      const gens = await Promise.all(assignment.item.split('|').map((k) => access.generation(k)));
      const video = gens.some((g) => g.mime?.startsWith('video/'));
      if (video && body.kind !== 'cannot-rate' && body.watchedToEnd !== true) {
        throw new HTTPException(422, { message: 'the video must play to the end once before it can be scored' });
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
      };
      const rows: NewRating[] = DIMENSIONS.map((dimension) => {
        if (body.kind === 'likert') return { ...base, dimension, value: body.scores[dimension], cannotRate: null };
        if (body.kind === 'pairwise') return { ...base, dimension, value: PAIR_VALUE[body.votes[dimension]], cannotRate: null };
        return { ...base, dimension, value: null, cannotRate: body.note ? `${body.reason}: ${body.note}` : body.reason };
      });
      // Committed before the reply: an acknowledged rating survives a crash.
      const stored = await writer.write(rows);
      return c.json({
        stored: stored.length,
        replayed: false,
        session: await views.session(ctx, assignments, [...before, ...stored], mediaBase),
      });
    })
    .get('/:token/media/:mediaId', async (c) => {
      const { ctx, assignments } = await load(c.req.param('token'));
      // The rater's own items, and the start page's examples.
      const own = new Set([...assignments.flatMap((a) => a.item.split('|')), ...exampleKeys(ctx.config.examples)]);
      return sendMedia(c, access, ctx, c.req.param('mediaId'), own);
    });
}
