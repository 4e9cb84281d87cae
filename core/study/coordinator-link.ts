import type { Store } from '../types/index.js';
import { hashToken, newToken } from './tokens.js';

/**
 * The coordinator link's token for a starting server: a new one (to print once) when the store has
 * none, else null, as the link made at the first start still works and only its hash is kept.
 * Of two servers starting at once on a new store, one makes the link and the other gets null.
 */
export async function firstCoordinatorToken(store: Store): Promise<string | null> {
  if ((await store.getCoordinatorTokenHash()) !== null) return null;
  const token = newToken();
  return (await store.createCoordinatorTokenHash(hashToken(token))) ? token : null;
}

/** A new coordinator link's token, its hash stored in place of the old one's: the old link stops working at once. */
export async function replaceCoordinatorToken(store: Store): Promise<string> {
  const token = newToken();
  await store.replaceCoordinatorTokenHash(hashToken(token));
  return token;
}
