import { HTTPException } from 'hono/http-exception';
import { type MediaStore, type AssignmentRecord, type GenerationRecord, type Store, type StudyRecord } from '../../core/types/index.js';
import {
  assignmentsVersion,
  configRevision,
  hashToken,
  ratingUiConfig,
  servedConfig,
  TOKEN_PATTERN,
  type RatingUiConfig,
} from '../../core/study/index.js';

export interface Grant {
  studyId: string;
  role: 'rater' | 'admin';
  raterId: string | null;
}

export interface StudyContext {
  study: StudyRecord;
  config: RatingUiConfig;
  /** Generation key -> opaque media id. */
  mediaIdOf: Map<string, string>;
}

/**
 * Finds the study and role behind a token, and caches what changes only when a study is extended
 * (its config, keyed by the config's revision; a rater's assignments, also moved by each adaptive
 * item handed out) and what never changes
 * (generations). The study row itself is read fresh on every request, so a close, reopen or
 * extension made by another process (a CLI, another server) takes effect at once.
 */
export class StudyAccess {
  private grants = new Map<string, Grant>();
  private readonly contexts = new Map<string, { config: RatingUiConfig; mediaIdOf: Map<string, string> }>();
  /** Per study and rater, the list as of one `assignmentsVersion` (replaced when the version moves). */
  private readonly assignments = new Map<string, { version: string; list: AssignmentRecord[] }>();
  private readonly generations = new Map<string, GenerationRecord>();

  constructor(
    readonly store: Store,
    readonly media: MediaStore,
  ) {}

  /** The grant for a token, or a 401 that says nothing about which part was wrong. */
  async grant(token: string, role: Grant['role']): Promise<Grant> {
    const hash = TOKEN_PATTERN.test(token) ? hashToken(token) : null;
    let grant = hash ? this.grants.get(hash) : undefined;
    // A study made by `loupe study create` while the server runs: read the studies again (one query).
    if (hash && !grant) {
      await this.reload();
      grant = this.grants.get(hash);
    }
    if (!grant || grant.role !== role)
      throw new HTTPException(401, { message: 'this link is not valid; ask the study coordinator for yours' });
    return grant;
  }

  async context(studyId: string): Promise<StudyContext> {
    const study = await this.store.getStudy(studyId);
    if (!study) throw new HTTPException(404, { message: 'study not found' });
    const id = `${studyId}@${configRevision(study)}`;
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

  private async reload(): Promise<void> {
    const grants = new Map<string, Grant>();
    for (const study of await this.store.listStudies()) {
      const config = servedConfig(study);
      if (!config) continue; // imported or simulated: no links to serve
      grants.set(config.adminTokenHash, { studyId: study.id, role: 'admin', raterId: null });
      for (const r of config.raters) grants.set(r.tokenHash, { studyId: study.id, role: 'rater', raterId: r.id });
    }
    this.grants = grants;
  }
}
