import { HTTPException } from 'hono/http-exception';
import type { AssignmentRecord, GenerationRecord, RatingRecord } from '../../core/types/index.js';
import { seedFromString } from '../../core/types/index.js';
import {
  allocationData,
  handOutNext,
  rankingStatus,
  type AdaptiveConfig,
  type AllocationData,
  type RankingStatus,
} from '../../core/study/index.js';
import type { AdaptiveOverview } from '../shared/index.js';
import type { StudyAccess, StudyContext } from './study-access.js';

interface State {
  key: string;
  data: AllocationData;
  status: RankingStatus;
}

/**
 * The server's side of adaptive allocation: when a rater's list runs out, one more item is handed
 * out (core/study `handOutNext`) until the stop rule holds or the budget is spent. The ranking's
 * status is a bootstrap, so it is cached per study and computed again only when the items or
 * `recomputeEvery` more rated items make it stale.
 */
export class AdaptiveAllocation {
  private readonly states = new Map<string, State>();

  constructor(private readonly access: StudyAccess) {}

  /**
   * The rater's assignments, with one more at the end when their list is rated through and the
   * study still wants ratings; `noMoreNeeded` when it does not (the server's answer to "what next").
   */
  async topUp(
    ctx: StudyContext,
    raterId: string,
    assignments: readonly AssignmentRecord[],
    ratings: readonly RatingRecord[],
  ): Promise<{ assignments: readonly AssignmentRecord[]; noMoreNeeded: boolean }> {
    const rated = new Set(ratings.map((r) => r.assignmentId));
    if (!ctx.config.adaptive || ctx.study.status !== 'open' || assignments.some((a) => !rated.has(a.id)))
      return { assignments, noMoreNeeded: false };
    const { data, status } = await this.state(ctx);
    const outcome = await handOutNext(this.access.store, ctx.study.id, raterId, { data, status }).catch((e: unknown) => {
      throw new HTTPException(503, { message: (e as Error).message });
    });
    if (outcome.kind === 'stopped') return { assignments, noMoreNeeded: true };
    return { assignments: [...assignments, { ...outcome.assignment, createdAt: new Date().toISOString() }], noMoreNeeded: false };
  }

  /** What the admin page shows: budget, stop rule and each neighbouring pair's decision. */
  async overview(ctx: StudyContext): Promise<AdaptiveOverview | null> {
    // The study row is read fresh per request; the parsed config is cached by revision, and `added` moves without one.
    const adaptive = (ctx.study.config as { adaptive?: AdaptiveConfig | null }).adaptive;
    if (!adaptive) return null;
    const { data, status } = await this.state(ctx);
    const used = adaptive.planned + adaptive.added;
    return {
      floor: adaptive.floor,
      budget: adaptive.budget,
      used,
      tolerance: adaptive.tolerance,
      ratedItems: data.ratedItems,
      stopped: status.decided && data.fewestRatings >= adaptive.floor ? 'decided' : used >= adaptive.budget ? 'budget' : null,
      dimensions: status.dimensions.map((d) => ({ dimension: d.dimension, unrated: d.unrated, pairs: d.pairs })),
    };
  }

  private async state(ctx: StudyContext): Promise<State> {
    const adaptive = ctx.config.adaptive!;
    const studyId = ctx.study.id;
    const [assignments, ratings] = await Promise.all([
      this.access.store.listAssignments({ studyId }),
      this.access.store.listRatings({ studyId }),
    ]);
    const generations = new Map<string, GenerationRecord>();
    for (const key of new Set(assignments.flatMap((a) => a.item.split('|')))) generations.set(key, await this.access.generation(key));
    const data = allocationData(ctx.study.mode, assignments, ratings, generations);
    const key = `${ctx.config.revision}:${Math.floor(data.ratedItems / adaptive.recomputeEvery)}`;
    const cached = this.states.get(studyId);
    if (cached?.key === key) return cached;
    const generators = [...new Set(data.units.flatMap((u) => u.generators))].sort();
    const status = rankingStatus(data.observations, generators, { tolerance: adaptive.tolerance, seed: seedFromString(ctx.config.seed) });
    const state = { key, data, status };
    this.states.set(studyId, state);
    return state;
  }
}
