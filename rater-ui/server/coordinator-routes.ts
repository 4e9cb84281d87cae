import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../../core/types/index.js';
import { StudyCreateSchema, type CoordinatorOverview, type StudyCreated } from '../shared/index.js';
import {
  type StudyMedia,
  createStudy,
  filterGenerations,
  studyOptionsFrom,
  hashToken,
  servedConfig,
  TOKEN_PATTERN,
} from '../../core/study/index.js';
import { zodJson } from './validate-json.js';

const ALL = { generators: null, sets: null, categories: null, perStratum: null };

const distinct = (values: string[]) => [...new Set(values)].sort();

/**
 * The coordinator's server-level API: the runs and studies in the store, and making a study.
 * Its token is made at the first `loupe rate` and only its hash is kept, in the store; each
 * request checks the store, so a link replaced by `loupe rate coordinator-link` stops working at
 * once on every server. A study's admin link or a rater's link never opens it.
 */
export function coordinatorRoutes(store: Store, media: StudyMedia) {
  async function check(token: string): Promise<void> {
    const stored = await store.getCoordinatorTokenHash();
    const expected = stored === null ? null : Buffer.from(stored, 'hex');
    const given = TOKEN_PATTERN.test(token) ? Buffer.from(hashToken(token), 'hex') : null;
    if (!expected || !given || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new HTTPException(401, {
        message:
          'this link is not valid; use the coordinator link `loupe rate` printed, or make a new one with `loupe rate coordinator-link`',
      });
  }

  return new Hono()
    .get('/:token/overview', async (c) => {
      await check(c.req.param('token'));
      const runs: CoordinatorOverview['runs'] = [];
      for (const run of await store.listRuns()) {
        const done = filterGenerations(await store.listGenerations({ runId: run.id }), ALL);
        runs.push({
          id: run.id,
          status: run.status,
          createdAt: run.createdAt,
          generations: done.length,
          generators: distinct(done.map((g) => g.generatorId)),
          sets: distinct(done.map((g) => g.promptSetId)),
          categories: distinct(done.map((g) => g.category)),
        });
      }
      const studies = (await store.listStudies()).map((s) => ({
        id: s.id,
        name: s.name,
        runId: s.runId,
        mode: s.mode,
        status: s.status,
        createdAt: s.createdAt,
        // An imported or simulated study has no rater links.
        raters: servedConfig(s)?.raters.length ?? 0,
      }));
      const overview: CoordinatorOverview = { runs, studies };
      return c.json(overview);
    })
    .post('/:token/studies', zodJson(StudyCreateSchema, 422), async (c) => {
      await check(c.req.param('token'));
      const b = c.req.valid('json');
      if (!(await store.getRun(b.runId))) throw new HTTPException(422, { message: `invalid request: runId: unknown run "${b.runId}"` });
      if (b.id && (await store.getStudy(b.id)))
        throw new HTTPException(422, { message: `invalid request: id: a study "${b.id}" exists already` });
      const made = await createStudy(store, studyOptionsFrom(b), media).catch((e: unknown) => {
        // Nothing to rate under these filters, or an example that is not in the run: the form's to fix.
        throw new HTTPException(422, { message: `invalid request: ${(e as Error).message}` });
      });
      const reply: StudyCreated = {
        study: { id: made.study.id, name: made.study.name, mode: made.study.mode },
        items: made.units,
        assignments: made.assignments,
        raters: made.raters.map((r) => ({ id: r.id, path: `/r/${r.token}` })),
        adminPath: `/admin/${made.adminToken}`,
      };
      return c.json(reply, 201);
    });
}
