import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../core/store/shared/canonical-json.js';
import type { Store } from '../../../core/types/store.js';
import { describeGenerationContract } from './store-contract-generations.js';
import { describeRatingContract } from './store-contract-ratings.js';
import { describeLedgerContract } from './store-contract-ledger.js';
import { describeOneRatingContract } from './store-contract-one-rating.js';
import { describeCoordinatorLinkContract } from './store-contract-coordinator-link.js';
import { describePromptQuestionsContract } from './store-contract-prompt-questions.js';
import { ISO_TIME, promptSet } from './store-fixtures.js';

export interface StoreUnderTest {
  store: Store;
  /** Removes what the factory made (files, a schema); the suite has already closed the store. */
  cleanup: () => Promise<void>;
}

/** A fresh, empty store for each test, and a way to access it from the test body. */
export interface StoreContext {
  readonly store: Store;
}

/**
 * The behaviour every `Store` backend must have. Call it from a backend's test file with a
 * factory that makes a new, empty store each time.
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let current: StoreUnderTest | undefined;
    const ctx: StoreContext = {
      get store() {
        if (!current) throw new Error('no store: used outside a test');
        return current.store;
      },
    };
    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      const done = current;
      current = undefined;
      await done?.store.close();
      await done?.cleanup();
    });

    describeBasicsContract(ctx);
    describeGenerationContract(ctx);
    describeRatingContract(ctx);
    describeOneRatingContract(ctx);
    describeLedgerContract(ctx);
    describeCoordinatorLinkContract(ctx);
    describePromptQuestionsContract(ctx);
  });
}

function describeBasicsContract(ctx: StoreContext): void {
  it('names its kind and reports a schema version', async () => {
    expect(ctx.store.kind).toMatch(/\w+/);
    expect(await ctx.store.schemaVersion()).toBeGreaterThanOrEqual(1);
  });

  describe('prompt sets', () => {
    it('stores a set once and hashes its canonical JSON', async () => {
      const set = promptSet();
      expect(await ctx.store.putPromptSet(set, 'prompts/counting.yaml')).toEqual({ created: true });
      expect(await ctx.store.putPromptSet(set, 'prompts/counting.yaml')).toEqual({ created: false });
      const stored = await ctx.store.getPromptSet(set.id, 1);
      expect(stored?.set).toEqual(set);
      expect(stored?.contentHash).toBe(sha256Hex(canonicalJson(set)));
      expect(stored?.source).toBe('prompts/counting.yaml');
      expect(stored?.createdAt).toMatch(ISO_TIME);
    });

    it('sees the same content with keys in another order as the same set', async () => {
      const set = promptSet();
      await ctx.store.putPromptSet(set, 'a.yaml');
      const reordered = Object.fromEntries(Object.entries(set).reverse()) as typeof set;
      expect(await ctx.store.putPromptSet(reordered, 'b.yaml')).toEqual({ created: false });
    });

    it('refuses a changed wording under the same version and asks for a new version', async () => {
      const set = promptSet();
      await ctx.store.putPromptSet(set, 'prompts/counting.yaml');
      const changed = promptSet({ prompts: [{ ...set.prompts[0]!, text: { en: 'four red apples' } }] });
      await expect(ctx.store.putPromptSet(changed, 'prompts/counting.yaml')).rejects.toThrow(/new version/);
      expect((await ctx.store.getPromptSet(set.id, 1))?.set).toEqual(set);
      expect(await ctx.store.putPromptSet({ ...changed, version: 2 }, 'prompts/counting.yaml')).toEqual({ created: true });
    });

    it('gets the latest version by default and lists every version in order', async () => {
      await ctx.store.putPromptSet(promptSet({ version: 2, title: 'Counting v2' }), 'x');
      await ctx.store.putPromptSet(promptSet({ version: 1 }), 'x');
      await ctx.store.putPromptSet(promptSet({ id: 'a-culture', title: 'Culture' }), 'y');
      expect((await ctx.store.getPromptSet('counting-basic'))?.set.version).toBe(2);
      expect((await ctx.store.getPromptSet('counting-basic', 1))?.set.title).toBe('Counting');
      expect(await ctx.store.getPromptSet('counting-basic', 3)).toBeUndefined();
      expect(await ctx.store.getPromptSet('nope')).toBeUndefined();
      const listed = (await ctx.store.listPromptSets()).map((s) => `${s.set.id}@${s.set.version}`);
      expect(listed).toEqual(['a-culture@1', 'counting-basic@1', 'counting-basic@2']);
    });
  });

  describe('runs', () => {
    it('creates a new run, then resumes it without touching its config', async () => {
      const config = { generators: [{ id: 'gen-a', type: 'synthetic' }], samples: 2, note: '中文' };
      const first = await ctx.store.openRun('run-1', config);
      expect(first.resumed).toBe(false);
      expect(first.run).toMatchObject({ id: 'run-1', config, status: 'planned' });
      expect(first.run.createdAt).toMatch(ISO_TIME);
      expect(first.run.updatedAt).toMatch(ISO_TIME);

      const again = await ctx.store.openRun('run-1', { other: true });
      expect(again.resumed).toBe(true);
      expect(again.run.config).toEqual(config);
      expect(await ctx.store.getRun('run-1')).toEqual(first.run);
    });

    it('sets the status and lists runs in creation order', async () => {
      await ctx.store.openRun('run-b', {});
      await ctx.store.openRun('run-a', {});
      await ctx.store.setRunStatus('run-b', 'interrupted');
      expect((await ctx.store.getRun('run-b'))?.status).toBe('interrupted');
      expect((await ctx.store.listRuns()).map((r) => r.id)).toEqual(['run-b', 'run-a']);
      expect(await ctx.store.getRun('run-c')).toBeUndefined();
      await expect(ctx.store.setRunStatus('run-c', 'done')).rejects.toThrow(/run-c/);
    });
  });
}
