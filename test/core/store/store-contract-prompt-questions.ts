import { describe, expect, it } from 'vitest';
import type { StoreContext } from './store-contract.js';
import { generatedQuestions, promptSet } from './store-fixtures.js';

/** Generated questions: kept beside a stored prompt set version, first answer wins, the set unchanged. */
export function describePromptQuestionsContract(ctx: StoreContext): void {
  describe('generated prompt questions', () => {
    it('stores questions once per key and reads them back with their provenance', async () => {
      await ctx.store.putPromptSet(promptSet(), 'p.yaml');
      const entry = generatedQuestions();
      expect(await ctx.store.putPromptQuestions(entry)).toEqual({ created: true });
      const other = { ...entry, questions: [{ id: 1, text: { en: 'Is there a pear?' }, parents: [] }] };
      expect(await ctx.store.putPromptQuestions(other)).toEqual({ created: false });
      const stored = await ctx.store.getPromptQuestions(entry);
      expect(stored).toMatchObject(entry);
      expect(stored?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await ctx.store.getPromptSet('counting-basic', 1))?.set).toEqual(promptSet());
    });

    it('keys on set version, prompt, language, model and template', async () => {
      await ctx.store.putPromptSet(promptSet(), 'p.yaml');
      await ctx.store.putPromptSet(promptSet({ version: 2, title: 'Counting 2' }), 'p.yaml');
      const base = generatedQuestions();
      const variants = [
        base,
        { ...base, promptSetVersion: 2 },
        { ...base, language: 'zh' as const },
        { ...base, model: 'qwen-vl-max' },
        { ...base, template: 'dsg-questions-2' },
      ];
      for (const v of variants) expect(await ctx.store.putPromptQuestions(v)).toEqual({ created: true });
      expect(await ctx.store.getPromptQuestions({ ...base, promptId: 'c2' })).toBeUndefined();
      expect(await ctx.store.listPromptQuestions({ promptSetId: 'counting-basic' })).toHaveLength(5);
      const v2 = await ctx.store.listPromptQuestions({ promptSetId: 'counting-basic', promptSetVersion: 2 });
      expect(v2.map((q) => q.promptSetVersion)).toEqual([2]);
    });

    it('refuses questions for a prompt set version that is not stored, naming it', async () => {
      await expect(ctx.store.putPromptQuestions(generatedQuestions({ promptSetVersion: 9 }))).rejects.toThrow(
        'prompt set "counting-basic" version 9 is not stored',
      );
    });
  });
}
