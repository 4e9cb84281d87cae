/**
 * The coordinator link of the rating server (`loupe rate`): one per store, kept across restarts.
 * Only the hash of its token is stored, never the token, so a copy of the database opens nothing
 * and a lost link cannot be shown again, only replaced.
 */
export interface CoordinatorLinkStore {
  /** The stored hash; null when no coordinator link was made yet. */
  getCoordinatorTokenHash(): Promise<string | null>;
  /**
   * Stores `hash` unless a coordinator link exists; true when it was stored. Of two servers making
   * the first link at once, one stores its own and the other gets false.
   */
  createCoordinatorTokenHash(hash: string): Promise<boolean>;
  /** Stores `hash` in place of any earlier one: the earlier link stops working at once. */
  replaceCoordinatorTokenHash(hash: string): Promise<void>;
}
