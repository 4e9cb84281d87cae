import { mulberry32, seedFromString, type AssignmentRecord, type Store } from '../../types/index.js';
import { unitId } from '../assign.js';
import { ratingUiConfig, type RatingUiConfig } from '../study-config.js';
import type { AllocationData } from './allocation-data.js';
import { pickUnit } from './pick-unit.js';
import type { RankingStatus } from './ranking-status.js';

export type HandOut =
  | { kind: 'added'; assignment: Omit<AssignmentRecord, 'createdAt'> }
  /** Decided: the stop rule holds; budget: it is spent; rater: nothing this rater lacks would help. */
  | { kind: 'stopped'; reason: 'decided' | 'budget' | 'rater' };

/** Tries before giving up when other raters keep taking items at the same moment. */
const ATTEMPTS = 8;

/**
 * Hands a rater of an adaptive study one more item, chosen by `pickUnit` from the ranking's
 * status, unless the stop rule holds or the budget is spent. The item is stored as an ordinary
 * assignment at the end of the rater's list, by `Store.extendStudy` with the config's `added`
 * count raised by one: of two raters asking at once for the last item of the budget, one gets it
 * and the other reads the config again and finds the budget spent. Who holds what is read fresh;
 * the status (a bootstrap) may be a few ratings old.
 */
export async function handOutNext(
  store: Store,
  studyId: string,
  raterId: string,
  state: { data: Pick<AllocationData, 'units' | 'observations' | 'fewestRatings'>; status: RankingStatus },
): Promise<HandOut> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const study = await store.getStudy(studyId);
    if (!study) throw new Error(`unknown study "${studyId}"`);
    const config = ratingUiConfig(study);
    const adaptive = config.adaptive;
    if (!adaptive) throw new Error(`study "${studyId}" does not allocate adaptively`);
    // Before every unit has its floor rated, a bootstrap of a few ratings can look decided: items go out evenly instead.
    const floorRated = state.data.fewestRatings >= adaptive.floor;
    if (floorRated && state.status.decided) return { kind: 'stopped', reason: 'decided' };
    if (adaptive.planned + adaptive.added >= adaptive.budget) return { kind: 'stopped', reason: 'budget' };
    const all = await store.listAssignments({ studyId });
    const holders = new Map<string, Set<string>>();
    for (const a of all.filter((x) => x.kind === 'normal'))
      holders.set(unitId(a.item), (holders.get(unitId(a.item)) ?? new Set()).add(a.raterId));
    const mine = all.filter((a) => a.raterId === raterId);
    const seed = `${config.seed}/adaptive/${raterId}/${adaptive.added}`;
    const status = floorRated ? state.status : { dimensions: [], decided: false };
    const unit = pickUnit({ ...state.data, holders }, status, { held: new Set(mine.map((a) => unitId(a.item))), seed });
    if (!unit) return { kind: 'stopped', reason: 'rater' };
    const keys = unit.id.split('|');
    // Pairwise sides are drawn per assignment, as in the planned part, so that "left" carries no information.
    if (keys.length === 2 && mulberry32(seedFromString(`${seed}/side`))() < 0.5) keys.reverse();
    const position = mine.reduce((m, a) => Math.max(m, a.position + 1), 0);
    const assignment = {
      id: `${studyId}-${raterId}-${position}`,
      studyId,
      raterId,
      item: keys.join('|'),
      position,
      kind: 'normal' as const,
    };
    const to: RatingUiConfig = { ...config, adaptive: { ...adaptive, added: adaptive.added + 1 } };
    if (await store.extendStudy(studyId, { from: study.config, to, assignments: [assignment] })) return { kind: 'added', assignment };
  }
  throw new Error(`study "${studyId}": other raters kept taking items at the same moment; ask again`);
}
