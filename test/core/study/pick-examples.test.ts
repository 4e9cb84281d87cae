import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendStudy } from '../../../core/study/extend-study.js';
import { ratingUiConfig } from '../../../core/study/study-config.js';
import { makeFixture, type Fixture } from '../../rater-ui/study-fixture.js';
import { scoreRecord } from '../../helpers/score-record.js';

let f: Fixture;
let keys: string[];
beforeAll(async () => {
  f = await makeFixture();
  keys = (await f.store.listGenerations({ runId: 'run-img' })).map((g) => g.key);
  await f.store.putScores([
    // CLIP: keys[2] lowest, keys[6] highest; a null (does not apply) is never an example.
    scoreRecord('clip-score', keys[1]!, 0.25),
    scoreRecord('clip-score', keys[2]!, 0.12),
    scoreRecord('clip-score', keys[6]!, 0.33),
    scoreRecord('clip-score', keys[7]!, null),
    // No sharpness; noise, where lower is better: keys[5] is the noisiest, keys[3] the cleanest.
    scoreRecord('noise', keys[3]!, 0.01),
    scoreRecord('noise', keys[5]!, 0.4),
    scoreRecord('noise', keys[0]!, 0.2),
    // One aesthetic score is not enough to pick two examples.
    scoreRecord('aesthetic', keys[4]!, 6.1),
  ]);
});
afterAll(() => f.cleanup());

describe('start page examples', () => {
  it("picks a low and a high example by the metric that applies, keeps the coordinator's choice, and never rates them", async () => {
    const made = await f.study({
      id: 'examples',
      ratingsPerItem: 1,
      goldRate: 0.2,
      repeatRate: 0,
      examples: { realism: { low: keys[1]!, high: keys[7]! } },
    });
    const config = ratingUiConfig(made.study);
    expect(config.examples).toEqual({
      'text-image-consistency': { low: keys[2], high: keys[6], metric: 'clip-score' },
      realism: { low: keys[1], high: keys[7], metric: null },
      'visual-quality': { low: keys[5], high: keys[3], metric: 'noise' },
    });
    const shown = [keys[1], keys[2], keys[3], keys[5], keys[6], keys[7]];
    // Every example is served under an opaque id, and none is an item, a gold item's media or its text.
    for (const k of shown) expect(Object.values(config.media)).toContain(k);
    const rated = (await f.store.listAssignments({ studyId: 'examples' })).flatMap((a) => a.item.split('|'));
    expect(new Set(rated)).toEqual(new Set([keys[0], keys[4]]));
    expect(made.units).toBe(2);

    // An extension takes in the run's other generations, still never the examples.
    const extended = await extendStudy(f.store, 'examples', { addRaters: 1 }, f);
    expect(extended.newUnits).toBe(0);
    const after = (await f.store.listAssignments({ studyId: 'examples' })).flatMap((a) => a.item.split('|'));
    expect(after.some((k) => shown.includes(k))).toBe(false);
  });

  it('a study without scores or choices has no examples and rates every item', async () => {
    const made = await f.study({ id: 'plain', runId: 'run-video', raters: 1, ratingsPerItem: 1, goldRate: 0, repeatRate: 0 });
    expect(ratingUiConfig(made.study).examples).toEqual({});
    expect(made.units).toBe(1);
  });
});
