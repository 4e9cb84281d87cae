import { describe, expect, it } from 'vitest';
import { planGenerations } from '../../../core/run/plan.js';
import { PromptSetSchema } from '../../../core/types/index.js';
import { createSyntheticGenerator } from '../../../models/synthetic/generator.js';

const generator = createSyntheticGenerator({ id: 'g', type: 'synthetic', video: { width: 32, height: 32 } });
const set = PromptSetSchema.parse({
  id: 'suite',
  version: 1,
  title: 'suite',
  samples: 5,
  prompts: [
    { id: 'a', category: 'x', modality: 'video', text: { en: 'a cat', zh: '一只猫' } },
    { id: 'b', category: 'x', modality: 'video', samples: 25, text: { en: 'a flickering lamp' } },
  ],
});
const plan = (samples: number | undefined) =>
  planGenerations({ sets: [{ set, prompts: set.prompts }], generators: [generator], languages: ['zh', 'en'], samples, seed: 7 });
const count = (planned: ReturnType<typeof plan>, promptId: string, language: string) =>
  planned.filter((p) => p.promptId === promptId && p.language === language).length;

describe('samples per prompt', () => {
  it('follow what the prompt, else its set, prescribes when the config says nothing; English-only prompts stay English', () => {
    const planned = plan(undefined);
    expect([count(planned, 'a', 'zh'), count(planned, 'a', 'en'), count(planned, 'b', 'en'), count(planned, 'b', 'zh')]).toEqual([
      5, 5, 25, 0,
    ]);
    expect(planned.filter((p) => p.promptId === 'b').map((p) => p.seed)).toEqual(Array.from({ length: 25 }, (_, i) => 7 + i));
  });

  it('are the config’s number for every prompt when it gives one', () => {
    const planned = plan(2);
    expect([count(planned, 'a', 'zh'), count(planned, 'b', 'en')]).toEqual([2, 2]);
  });
});
