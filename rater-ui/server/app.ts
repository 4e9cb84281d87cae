import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { MediaTools, StudyMedia } from '../../core/study/index.js';
import { type MediaStore, type Store } from '../../core/types/index.js';
import { AdaptiveAllocation } from './adaptive-allocation.js';
import { adminRoutes } from './admin-routes.js';
import { bodySizeLimit } from './body-size.js';
import { coordinatorRoutes } from './coordinator-routes.js';
import type { SubmissionLimit } from './rate-limit.js';
import { raterRoutes } from './rater-routes.js';
import { staticRoutes } from './static-assets.js';
import { StudyAccess } from './study-access.js';

export interface RaterAppOptions {
  store: Store;
  media: MediaStore;
  /** Where ffmpeg and ffprobe are, for preparing a study's media when it is made or extended (default: on PATH). */
  tools?: MediaTools;
  assetsDir: string;
  /** Rating submissions allowed per rater in each window, counted in the store (so across server processes). */
  rateLimit?: SubmissionLimit;
  log?: (message: string) => void;
  /** Media bytes kept in memory to send again without reading them (default 64 MiB; 0 keeps none). */
  mediaCacheBytes?: number;
  /** The server's clock (ms since the epoch), for the watch-time and client-clock checks; tests pass one they move. */
  now?: () => number;
}

function apiRoutes(access: StudyAccess, studyMedia: StudyMedia, limit: SubmissionLimit, now: () => number) {
  const allocation = new AdaptiveAllocation(access);
  return new Hono()
    .route('/r', raterRoutes(access, allocation, limit, now))
    .route('/admin', adminRoutes(access, allocation, studyMedia))
    .route('/coordinator', coordinatorRoutes(access.store, studyMedia));
}

/** The API's type, for the client's `hc<ApiType>`. */
export type ApiType = ReturnType<typeof apiRoutes>;

/** The rating service: static page and bundle, the rater API and the admin API. */
export function createRaterApp(o: RaterAppOptions) {
  const access = new StudyAccess(o.store, o.media, o.mediaCacheBytes);
  const log = o.log ?? ((m: string) => console.error(m));
  const app = new Hono();
  app.use(async (c, next) => {
    // Set before the handler runs, so that every reply is made with them: set afterwards, each
    // header would copy the finished reply into a new one that is sent as a stream.
    // Tokens live in the path: never send them on as a referrer. Prompt text is rendered as text, and no script runs from elsewhere.
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    await next();
  });
  // A rating is a few hundred bytes; nothing the API takes needs more than this.
  app.use('/api/*', bodySizeLimit(16 * 1024));
  const studyMedia: StudyMedia = { media: o.media, tools: o.tools };
  app.route('/api', apiRoutes(access, studyMedia, o.rateLimit ?? { max: 120, windowMs: 60_000 }, o.now ?? Date.now));
  app.route('/', staticRoutes(o.assetsDir));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (err.status === 429 && typeof err.cause === 'number') c.header('Retry-After', String(err.cause));
      return c.json({ error: err.message }, err.status);
    }
    log(
      `rater server error on ${c.req.method} ${c.req.path.replace(/\/(r|admin|coordinator)\/[^/]+/, '/$1/…')}: ${(err as Error).stack ?? String(err)}`,
    );
    return c.json({ error: 'internal error; nothing was stored for this request' }, 500);
  });
  return app;
}
