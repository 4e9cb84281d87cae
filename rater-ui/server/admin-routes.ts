import { Hono } from 'hono';
import { randomInt } from 'node:crypto';
import type { GenerationRecord } from '../../core/types/index.js';
import { HTTPException } from 'hono/http-exception';
import {
  StudyExtendSchema,
  StudyStatusSchema,
  type AdminOverview,
  type RaterLinkReplaced,
  type SpotCheckRating,
  type StudyExtended,
} from '../shared/index.js';
import type { AdaptiveAllocation } from './adaptive-allocation.js';
import { correctionList } from './admin-corrections.js';
import { agreement, generatorProgress, latestValues, raterProgress } from './admin-stats.js';
import { ItemViews } from './item-view.js';
import { sendMedia } from './media-response.js';
import { extendStudy, replaceRaterToken, type StudyMedia } from '../../core/study/index.js';
import type { StudyAccess } from './study-access.js';
import { zodJson } from './validate-json.js';

/** The coordinator's API: progress, quality control, spot checks, closing, reopening and extending the study, replacing a rater's link. */
export function adminRoutes(access: StudyAccess, allocation: AdaptiveAllocation, studyMedia: StudyMedia) {
  const views = new ItemViews(access);

  async function load(token: string) {
    const { grant, ctx } = await access.open(token, 'admin');
    const assignments = await access.store.listAssignments({ studyId: grant.studyId });
    const ratings = await access.store.listRatings({ studyId: grant.studyId });
    const generations = new Map<string, GenerationRecord>();
    for (const key of new Set(assignments.flatMap((a) => a.item.split('|')))) generations.set(key, await access.generation(key));
    return { ctx, assignments, ratings, generations, mediaBase: `/api/admin/${token}/media` };
  }

  return new Hono()
    .get('/:token/overview', async (c) => {
      const { ctx, assignments, ratings, generations } = await load(c.req.param('token'));
      const { study, config } = ctx;
      const overview: AdminOverview = {
        study: { id: study.id, name: study.name, mode: study.mode, status: study.status, createdAt: study.createdAt },
        raters: raterProgress(config, assignments, ratings),
        generators: generatorProgress(study.mode, assignments, ratings, generations),
        ratings: ratings.length,
        corrections: correctionList(assignments, ratings),
        agreement: agreement(study.mode, assignments, ratings),
        adaptive: await allocation.overview(ctx),
      };
      return c.json(overview);
    })
    .get('/:token/spot-check', async (c) => {
      const { ctx, assignments, ratings, generations, mediaBase } = await load(c.req.param('token'));
      const latest = latestValues(ratings);
      const rated = assignments.filter((a) => latest.has(a.id));
      const sample: SpotCheckRating[] = [];
      for (let left = Math.min(8, rated.length); left > 0; left--) {
        const [a] = rated.splice(randomInt(rated.length), 1);
        const view = await views.item(ctx, a!, mediaBase);
        const v = latest.get(a!.id)!;
        const gens = a!.item.split('|').map((k) => generations.get(k)!.generatorId);
        sample.push({
          raterId: a!.raterId,
          generatorId: gens.join(' | '),
          kind: a!.kind,
          prompt: view.prompt.text,
          media: view.media,
          values: v.values,
          cannotRate: v.cannotRate,
          timeMs: v.timeMs,
        });
      }
      return c.json({ sample });
    })
    .post('/:token/status', zodJson(StudyStatusSchema), async (c) => {
      const grant = await access.grant(c.req.param('token'), 'admin');
      await access.store.setStudyStatus(grant.studyId, c.req.valid('json').status);
      return c.json({ status: c.req.valid('json').status });
    })
    .post('/:token/extend', zodJson(StudyExtendSchema), async (c) => {
      const grant = await access.grant(c.req.param('token'), 'admin');
      const body = c.req.valid('json');
      // The refusals (closed, fewer ratings per item, too few raters, a simultaneous extension) are the coordinator's to act on.
      const done = await extendStudy(access.store, grant.studyId, body, studyMedia).catch((e: unknown) => {
        throw new HTTPException(409, { message: (e as Error).message });
      });
      const reply: StudyExtended = {
        newItems: done.newUnits,
        assignments: done.assignments,
        raters: done.raters.map((r) => ({ id: r.id, path: `/r/${r.token}` })),
      };
      return c.json(reply);
    })
    .post('/:token/raters/:raterId/link', async (c) => {
      const {
        grant,
        ctx: { config },
      } = await access.open(c.req.param('token'), 'admin');
      const raterId = c.req.param('raterId');
      if (!config.raters.some((r) => r.id === raterId)) throw new HTTPException(404, { message: `no rater "${raterId}" in this study` });
      // Only a replacement made meanwhile (another admin, the CLI) can refuse it: the coordinator may simply ask again.
      const token = await replaceRaterToken(access.store, grant.studyId, raterId).catch((e: unknown) => {
        throw new HTTPException(409, { message: (e as Error).message });
      });
      const reply: RaterLinkReplaced = { raterId, path: `/r/${token}` };
      return c.json(reply);
    })
    .get('/:token/media/:mediaId', async (c) => {
      const { ctx } = await access.open(c.req.param('token'), 'admin');
      return sendMedia(c, access, ctx, c.req.param('mediaId'), null);
    });
}
