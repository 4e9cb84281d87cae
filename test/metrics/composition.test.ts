import { afterAll, describe, expect, it } from 'vitest';
import { createComposition } from '../../metrics/composition.js';
import { GENEVAL_COLORS } from '../../metrics/image/layout-rules.js';
import { PromptSchema, type Expect } from '../../core/types/index.js';
import { FIXTURES, IMAGES, TINY_CLIP } from './fixture-paths.js';

const TINY_OWLVIT = `${FIXTURES}models/tiny-owlvit`;

// The tiny models give meaningless boxes and colours: these tests check the plumbing (what is
// detected, capped and judged by which rule); the rules themselves are checked on geometry worked
// by hand in image/layout-rules.test.ts.
const input = (expect: Expect) => {
  const prompt = PromptSchema.parse({ id: 'p', category: 'counting', tags: ['geneval:counting'], text: { en: 'two clocks' }, expect });
  return {
    path: `${IMAGES}/three_red_circles_512.png`,
    mime: 'image/png',
    mediaHash: 'h',
    modality: 'image' as const,
    prompt,
    language: 'en' as const,
    text: 'two clocks',
  };
};

describe('composition (GenEval-style) on the tiny detector and CLIP', () => {
  const every = createComposition({ detector: TINY_OWLVIT, clip: TINY_CLIP, detection: { threshold: 0, nmsIou: 1 } });
  const none = createComposition({ detector: TINY_OWLVIT, clip: TINY_CLIP, detection: { threshold: 1.01, nmsIou: 1 } });
  afterAll(async () => {
    await every.dispose?.();
    await none.dispose?.();
  });

  it('applies to prompts with an expected layout only', () => {
    expect(every.appliesTo(input({ layout: [{ object: 'clock', count: 2 }] }).prompt, 'en', 'image')).toBe(true);
    expect(every.appliesTo(input({ text: 'OPEN' }).prompt, 'en', 'image')).toBe(false);
  });

  it('keeps the 16 most confident boxes per object and judges counts and upper bounds', async () => {
    const [all, nothing] = [
      ...(await every.score([input({ layout: [{ object: 'clock', count: 2 }], fewerThan: [{ object: 'clock', n: 3 }] })])),
      ...(await none.score([input({ layout: [{ object: 'clock', count: 2 }] })])),
    ];
    const boxes = (all!.details.found as Record<string, { score: number }[]>).clock!;
    expect(boxes).toHaveLength(16);
    expect(boxes.map((b) => b.score)).toEqual([...boxes.map((b) => b.score)].sort((a, b) => b - a));
    expect([all!.value, all!.details.reasons, all!.details.task]).toEqual([0, ['expected clock<3, found 16'], 'counting']);
    expect([nothing!.value, nothing!.details.reasons]).toEqual([0, ['expected clock>=2, found 0']]);
  });

  it('names a colour from GenEval’s list for each box it checks, and passes a bare object found', async () => {
    const [coloured, bare] = await every.score([
      input({ layout: [{ object: 'ball', count: 2, color: 'red' }] }),
      input({ layout: [{ object: 'ball', count: 1 }] }),
    ]);
    const reasons = coloured!.details.reasons as string[];
    if (coloured!.value === 0)
      expect(reasons[0]).toMatch(
        new RegExp(`^expected red ball>=2, found [0-2] red \\((${GENEVAL_COLORS.join('|')}), (${GENEVAL_COLORS.join('|')})\\)$`),
      );
    else expect(reasons).toEqual([]);
    expect([bare!.value, bare!.details.reasons]).toEqual([1, []]);
    expect(bare!.details.decode).toMatchObject({ frames: expect.anything() });
  });
});
