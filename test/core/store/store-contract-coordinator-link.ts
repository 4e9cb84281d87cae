import { describe, expect, it } from 'vitest';
import type { StoreContext } from './store-contract.js';

const hash = (c: string) => c.repeat(64);

/** The coordinator link's token hash: made once, kept, replaced on demand. */
export function describeCoordinatorLinkContract(ctx: StoreContext): void {
  describe('coordinator link', () => {
    it('has none in a new store', async () => {
      expect(await ctx.store.getCoordinatorTokenHash()).toBeNull();
    });

    it('keeps the first hash: a later create is refused and changes nothing', async () => {
      expect(await ctx.store.createCoordinatorTokenHash(hash('a'))).toBe(true);
      expect(await ctx.store.createCoordinatorTokenHash(hash('b'))).toBe(false);
      expect(await ctx.store.getCoordinatorTokenHash()).toBe(hash('a'));
    });

    it('stores one of two hashes created at once, the one whose create said so', async () => {
      const made = await Promise.all([ctx.store.createCoordinatorTokenHash(hash('c')), ctx.store.createCoordinatorTokenHash(hash('d'))]);
      expect(made.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.getCoordinatorTokenHash()).toBe(made[0] ? hash('c') : hash('d'));
    });

    it('replaces the hash, also where none was made, and a create after a replace changes nothing', async () => {
      await ctx.store.replaceCoordinatorTokenHash(hash('e'));
      expect(await ctx.store.getCoordinatorTokenHash()).toBe(hash('e'));
      await ctx.store.replaceCoordinatorTokenHash(hash('f'));
      expect(await ctx.store.getCoordinatorTokenHash()).toBe(hash('f'));
      expect(await ctx.store.createCoordinatorTokenHash(hash('g'))).toBe(false);
      expect(await ctx.store.getCoordinatorTokenHash()).toBe(hash('f'));
    });
  });
}
