import type { Store } from '../types/index.js';
import { ratingUiConfig, type RatingUiConfig } from './study-config.js';
import { hashToken, newToken } from './tokens.js';

/**
 * Replaces a rater's private link (one that was lost: only its hash is stored, so it cannot be
 * shown again) and returns the new token. The rater keeps their id, so their items, order and
 * ratings stay; the old link stops working at once on every server, as the config's revision
 * moves on and servers check it on every request. Throws for an unknown study or rater.
 */
export async function replaceRaterToken(store: Store, studyId: string, raterId: string): Promise<string> {
  const study = await store.getStudy(studyId);
  if (!study) throw new Error(`unknown study "${studyId}"; \`loupe study list\` shows the studies`);
  const config = ratingUiConfig(study);
  if (!config.raters.some((r) => r.id === raterId))
    throw new Error(`study "${studyId}" has no rater "${raterId}"; its raters are ${config.raters.map((r) => r.id).join(', ')}`);
  const token = newToken();
  const to: RatingUiConfig = {
    ...config,
    revision: config.revision + 1,
    raters: config.raters.map((r) => (r.id === raterId ? { id: r.id, tokenHash: hashToken(token) } : r)),
  };
  // The config swap of an extension, with nothing to add: it fails rather than undo a change made meanwhile.
  if (!(await store.extendStudy(studyId, { from: study.config, to, assignments: [] })))
    throw new Error(`study "${studyId}" changed while the link of rater "${raterId}" was being replaced; nothing changed, try again`);
  return token;
}
