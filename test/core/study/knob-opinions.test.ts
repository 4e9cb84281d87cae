import { describe, expect, it } from 'vitest';
import { FLAWLESS, knobOpinion, type SyntheticItem } from '../../../core/study/knob-opinions.js';
import { simulateRatings } from '../../../core/study/simulate-ratings.js';

const clean: SyntheticItem = { blur: 0, noise: 0, colorCast: 0, wrongText: null, countOff: null, video: null };

describe('knobOpinion: what simulated raters think of a synthetic item', () => {
  it('rates a flawless item the same on every dimension', () => {
    expect(Object.values(knobOpinion(clean))).toEqual([FLAWLESS, FLAWLESS, FLAWLESS, FLAWLESS]);
    expect(knobOpinion({ ...clean, wrongText: false, countOff: 0 })).toEqual(knobOpinion(clean));
  });

  it('lets wrong text and a wrong count cost consistency with the prompt alone', () => {
    for (const faulty of [
      { ...clean, wrongText: true },
      { ...clean, countOff: 2 },
    ]) {
      const o = knobOpinion(faulty);
      expect(o['text-image-consistency']).toBeLessThan(FLAWLESS - 1);
      expect([o.realism, o['visual-quality'], o['aesthetic-quality']]).toEqual([FLAWLESS, FLAWLESS, FLAWLESS]);
    }
  });

  it('lets noise and blur cost quality and realism more than consistency, and stays on the scale', () => {
    const o = knobOpinion({ ...clean, noise: 0.12, blur: 2.5 });
    expect(o['visual-quality']).toBeLessThan(o['text-image-consistency']);
    expect(o.realism).toBeLessThan(o['text-image-consistency']);
    const worst = knobOpinion({
      blur: 20,
      noise: 1,
      colorCast: 1,
      wrongText: true,
      countOff: 9,
      video: { flicker: 1, frozenRate: 1, jumpRate: 1 },
    });
    expect(Object.values(worst)).toEqual([1, 1, 1, 1]);
  });

  it("counts a clip's faults only for a clip", () => {
    const clip = knobOpinion({ ...clean, video: { flicker: 0.6, frozenRate: 0, jumpRate: 0 } });
    expect(clip['visual-quality']).toBeLessThan(FLAWLESS);
    expect(clip['text-image-consistency']).toBe(FLAWLESS);
  });
});

describe('simulateRatings with an opinion per item', () => {
  it('gives each dimension its own truth: honest raters recover which item is worse on which dimension', () => {
    const items = ['text', 'noisy'].flatMap((kind) =>
      Array.from({ length: 40 }, (_, i) => ({
        key: `${kind}-${i}`,
        generatorId: kind,
        unit: `p${i}`,
        opinion: knobOpinion(kind === 'text' ? { ...clean, wrongText: true } : { ...clean, noise: 0.15 }),
      })),
    );
    const sim = simulateRatings(items, { quality: {}, seed: 3, honestRaters: 4, badRaters: [] });
    const mean = (generator: string, dimension: string) => {
      const keys = new Set(items.filter((i) => i.generatorId === generator).map((i) => i.key));
      const assignment = new Map(sim.assignments.map((a) => [a.id, a.item]));
      const xs = sim.ratings.filter((r) => r.dimension === dimension && keys.has(assignment.get(r.assignmentId)!)).map((r) => r.value);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // Wrong text: worse on consistency; noise: worse on quality. The simulation knows neither rule.
    expect(mean('text', 'text-image-consistency')).toBeLessThan(mean('noisy', 'text-image-consistency') - 1);
    expect(mean('noisy', 'visual-quality')).toBeLessThan(mean('text', 'visual-quality') - 1);
  });
});
