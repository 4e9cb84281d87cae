import { HTTPException } from 'hono/http-exception';
import {
  type MediaStore,
  type AssignmentRecord,
  type GenerationRecord,
  type RatingRecord,
  type Store,
  type StudyRecord,
} from '../../core/types/index.js';
import {
  assignmentsVersion,
  configRevision,
  hashToken,
  ratingUiConfig,
  servedConfig,
  TOKEN_PATTERN,
  type RatingUiConfig,
} from '../../core/study/index.js';
import { MediaCache } from './media-cache.js';

export interface Grant {
  studyId: string;
  role: 'rater' | 'admin';
  raterId: string | null;
}

/** A grant with its study as read for it and, when asked for, its rater's ratings. */
interface Opened {
  grant: Grant;
  study: StudyRecord | undefined;
  ratings: RatingRecord[] | null;
}

export interface StudyContext {
  study: StudyRecord;
  config: RatingUiConfig;
  /** Generation key -> opaque media id. */
  mediaIdOf: Map<string, string>;
}

/**
 * Finds the study and role behind a token, and caches what changes only with a study's config
 * (the study as read, keyed by the store's `configVersion`; its parsed config and token hashes,
 * keyed by the config's revision; a rater's assignments, keyed by `assignmentsVersion`, which each
 * adaptive item handed out also moves) and what never changes (generations). Every request reads
 * the study's status and config version from the store (a small row, not the config, which holds
 * every item's media), so a close, reopen, extension or replaced rater link made by another
 * process (a CLI, another server) takes effect at once.
 */
export class StudyAccess {
  /** Token hash -> grant, with the revision of the study's config it was read from. */
  private grants = new Map<string, Grant & { revision: number }>();
  /** Study id -> the study as last read whole; its status is replaced by the one read with each request. */
  private readonly studies = new Map<string, StudyRecord>();
  private readonly contexts = new Map<string, { config: RatingUiConfig; mediaIdOf: Map<string, string> }>();
  /** Per study and rater, the list as of one `assignmentsVersion` (replaced when the version moves). */
  private readonly assignments = new Map<string, { version: string; list: AssignmentRecord[] }>();
  private readonly generations = new Map<string, GenerationRecord>();
  /** The reload of every study's links running now, and the one that starts after it. */
  private reloading: Promise<StudyRecord[]> | null = null;
  private nextReload: Promise<StudyRecord[]> | null = null;
  /** The media store behind a bounded cache of the bytes sent. */
  readonly media: MediaCache;

  constructor(
    readonly store: Store,
    media: MediaStore,
    mediaCacheBytes?: number,
  ) {
    this.media = new MediaCache(media, mediaCacheBytes);
  }

  /** The grant for a token, or a 401 that says nothing about which part was wrong (a replaced link reads as an unknown one). */
  async grant(token: string, role: Grant['role']): Promise<Grant> {
    return (await this.granted(token, role)).grant;
  }

  /** The grant for a token and its study's context, the study read once for both. */
  async open(token: string, role: Grant['role']): Promise<{ grant: Grant; ctx: StudyContext }> {
    const { grant, study } = await this.granted(token, role);
    if (!study) throw new HTTPException(404, { message: 'study not found' });
    return { grant, ctx: this.context(study) };
  }

  /**
   * A rater's grant, study context and ratings: the ratings come with the study's status in one
   * store call (one round trip to a database server instead of two).
   */
  async openRater(token: string): Promise<{ grant: Grant; ctx: StudyContext; ratings: RatingRecord[] }> {
    const { grant, study, ratings } = await this.granted(token, 'rater', true);
    if (!study) throw new HTTPException(404, { message: 'study not found' });
    // A rater's grant names the rater, so the ratings were read.
    return { grant, ctx: this.context(study), ratings: ratings! };
  }

  /** A study's context, its config parsed once per revision. */
  private context(study: StudyRecord): StudyContext {
    const id = `${study.id}@${configRevision(study)}`;
    let cached = this.contexts.get(id);
    if (!cached) {
      const config = ratingUiConfig(study);
      cached = { config, mediaIdOf: new Map(Object.entries(config.media).map(([mediaId, key]) => [key, mediaId])) };
      this.contexts.set(id, cached);
    }
    return { study, ...cached };
  }

  async raterAssignments(ctx: StudyContext, raterId: string): Promise<AssignmentRecord[]> {
    const studyId = ctx.study.id;
    const id = `${studyId}\u0000${raterId}`;
    const version = assignmentsVersion(ctx.study);
    let cached = this.assignments.get(id);
    if (cached?.version !== version) {
      cached = { version, list: await this.store.listAssignments({ studyId, raterId }) };
      this.assignments.set(id, cached);
    }
    return cached.list;
  }

  async generation(key: string): Promise<GenerationRecord> {
    let g = this.generations.get(key);
    if (!g) {
      g = await this.store.getGeneration(key);
      if (!g) throw new Error(`generation ${key} of a study is missing from the store`);
      this.generations.set(key, g);
    }
    return g;
  }

  /** `withRatings`: also the rater's ratings (null for an admin's grant, which names no rater). */
  private async granted(token: string, role: Grant['role'], withRatings = false): Promise<Opened> {
    const hash = TOKEN_PATTERN.test(token) ? hashToken(token) : null;
    const found = hash ? await this.current(hash, withRatings) : undefined;
    if (!found || found.grant.role !== role)
      throw new HTTPException(401, { message: 'this link is not valid; ask the study coordinator for yours' });
    const { studyId, raterId } = found.grant;
    return { grant: { studyId, role, raterId }, study: found.study, ratings: found.ratings };
  }

  /**
   * The grant of a token hash as the store has it now, with its study as read for it: a cached
   * grant while its study's config is at the same revision, else the studies read again (one
   * query), which also finds a study made by `loupe study create` while the server runs.
   */
  private async current(hash: string, withRatings: boolean): Promise<(Opened & { grant: Grant & { revision: number } }) | undefined> {
    const cached = this.grants.get(hash);
    if (cached) {
      const read = await this.study(cached.studyId, withRatings ? cached.raterId : null);
      if (read && configRevision(read.study) === cached.revision) return { grant: cached, ...read };
    }
    const studies = await this.reloadAfterNow();
    const grant = this.grants.get(hash);
    if (!grant) return undefined;
    const study = studies.find((s) => s.id === grant.studyId);
    const rated = withRatings && study && grant.raterId !== null;
    return { grant, study, ratings: rated ? await this.store.listRatings({ studyId: study.id, raterId: grant.raterId! }) : null };
  }

  /**
   * The study as the store has it now: its status read on every call (with the rater's ratings
   * when `raterId` is given), the rest again only when its config version moved.
   */
  private async study(id: string, raterId: string | null): Promise<{ study: StudyRecord; ratings: RatingRecord[] | null } | undefined> {
    const now: (Pick<StudyRecord, 'status' | 'configVersion'> & { ratings?: RatingRecord[] }) | undefined =
      raterId === null ? await this.store.getStudyStatus(id) : await this.store.getRaterState(id, raterId);
    if (!now) return undefined;
    let read = this.studies.get(id);
    if (read?.configVersion !== now.configVersion) {
      read = await this.store.getStudy(id);
      if (!read) return undefined;
      this.studies.set(id, read);
    }
    return { study: { ...read, status: now.status }, ratings: now.ratings ?? null };
  }

  /**
   * A reload that begins after this call (the one running may have read the studies before the
   * study of a new token was made). Callers arriving while one runs share the next, so a burst of
   * new links (a thousand raters opening theirs at once) reads the studies twice, not a thousand times.
   */
  private reloadAfterNow(): Promise<StudyRecord[]> {
    if (!this.reloading) {
      this.reloading = this.reload().finally(() => (this.reloading = null));
      return this.reloading;
    }
    this.nextReload ??= this.reloading
      .catch(() => undefined)
      .then(() => {
        this.nextReload = null;
        return this.reloadAfterNow();
      });
    return this.nextReload;
  }

  /** Reads every study's links into the grants, and returns the studies as read. */
  private async reload(): Promise<StudyRecord[]> {
    const grants = new Map<string, Grant & { revision: number }>();
    const studies = await this.store.listStudies();
    for (const study of studies) {
      this.studies.set(study.id, study);
      const config = servedConfig(study);
      if (!config) continue; // imported or simulated: no links to serve
      const { revision } = config;
      grants.set(config.adminTokenHash, { studyId: study.id, role: 'admin', raterId: null, revision });
      for (const r of config.raters) grants.set(r.tokenHash, { studyId: study.id, role: 'rater', raterId: r.id, revision });
    }
    this.grants = grants;
    return studies;
  }
}
