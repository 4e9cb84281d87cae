import { describe, expect, it } from 'vitest';
import type { AssignmentRecord, GenerationRecord, RatingRecord } from '../../../core/types/store.js';
import { agreement, generatorProgress, raterProgress } from '../../../rater-ui/server/admin-stats.js';
import type { RatingUiConfig } from '../../../core/study/study-config.js';
import { DIMENSIONS } from '../../../core/types/dimensions.js';

const at = '2026-01-01T00:00:00.000Z';
const asg = (id: string, raterId: string, item: string, kind: AssignmentRecord['kind'] = 'normal', position = 0): AssignmentRecord => ({
  id,
  studyId: 's',
  raterId,
  item,
  position,
  kind,
  createdAt: at,
});
let next = 1;
/** Four rows, one per dimension, with these values. */
const rated = (a: AssignmentRecord, values: number[], timeMs = 1000): RatingRecord[] =>
  DIMENSIONS.map((dimension, i) => ({
    id: next++,
    studyId: 's',
    assignmentId: a.id,
    raterId: a.raterId,
    dimension,
    value: values[i]!,
    cannotRate: null,
    timeMs,
    watchedToEnd: null,
    createdAt: at,
  }));

const config = (gold: RatingUiConfig['gold'] = {}): RatingUiConfig => ({
  source: 'rater-ui',
  seed: 'x',
  revision: 0,
  blinded: {},
  adaptive: null,
  ratingsPerItem: 2,
  goldRate: 0,
  repeatRate: 0,
  filters: { generators: null, sets: null, categories: null, perStratum: null },
  raters: [
    { id: 'r1', tokenHash: 'h1' },
    { id: 'r2', tokenHash: 'h2' },
  ],
  adminTokenHash: 'h',
  media: {},
  gold,
  examples: {},
});

describe('admin statistics', () => {
  it('counts progress, the median time, gold failures and repeat differences per rater', () => {
    const a = [
      asg('a1', 'r1', 'k1'),
      asg('a2', 'r1', 'k2', 'gold'),
      asg('a3', 'r1', 'k1', 'repeat'),
      asg('a4', 'r1', 'k3'),
      asg('b1', 'r2', 'k1'),
    ];
    const ratings = [
      ...rated(a[0]!, [4, 4, 4, 4], 3000),
      ...rated(a[1]!, [5, 3, 3, 3], 1000),
      ...rated(a[2]!, [2, 4, 4, 4], 2000),
      ...rated(a[0]!, [3, 4, 4, 4], 5000),
    ];
    const [r1, r2] = raterProgress(config({ a2: { textFrom: 'k9', expect: { 'text-image-consistency': [1, 2] } } }), a, ratings);
    expect(r1).toEqual({ raterId: 'r1', done: 3, total: 4, medianTimeMs: 2000, goldFailures: 1, goldRated: 1, repeatMeanAbsDiff: 0.25 });
    expect(r2).toMatchObject({ done: 0, total: 1, medianTimeMs: null, repeatMeanAbsDiff: null });
  });

  it('gives alpha 1 when raters agree exactly and less when they do not', () => {
    const a = ['k1', 'k2', 'k3'].flatMap((k, i) => [asg(`x${i}`, 'r1', k), asg(`y${i}`, 'r2', k)]);
    const same = a.flatMap((x, i) => rated(x, [1 + Math.floor(i / 2), 2, 3 + Math.floor(i / 2), 1 + Math.floor(i / 2)]));
    expect(agreement('likert', a, same)['text-image-consistency']).toBeCloseTo(1, 10);
    const off = a.flatMap((x, i) => rated(x, [i % 2 === 0 ? 1 + Math.floor(i / 2) : 3 - Math.floor(i / 2), 2, 3, 4]));
    expect(agreement('likert', a, off)['text-image-consistency']!).toBeLessThan(0.5);
  });

  it('turns pairwise votes into wins per generator, whichever side each rater saw', () => {
    const gens = new Map<string, GenerationRecord>([
      ['kA', { generatorId: 'alpha' } as GenerationRecord],
      ['kB', { generatorId: 'beta' } as GenerationRecord],
    ]);
    const a = [asg('p1', 'r1', 'kA|kB'), asg('p2', 'r2', 'kB|kA')];
    // r1 votes left (alpha) everywhere, r2 votes right (alpha again) then tie.
    const ratings = [...rated(a[0]!, [1, 1, 1, 1]), ...rated(a[1]!, [2, 2, 0, 0])];
    const byGen = Object.fromEntries(generatorProgress('pairwise', a, ratings, gens).map((g) => [g.generatorId, g.meanByDimension]));
    expect(byGen.alpha).toEqual({ 'text-image-consistency': 1, realism: 1, 'visual-quality': 0.75, 'aesthetic-quality': 0.75 });
    expect(byGen.beta).toEqual({ 'text-image-consistency': 0, realism: 0, 'visual-quality': 0.25, 'aesthetic-quality': 0.25 });
    // Alpha needs variation: a second pair where both raters pick the other side's generation.
    const more = [asg('q1', 'r1', 'kC|kD'), asg('q2', 'r2', 'kD|kC')];
    const all = [...ratings, ...rated(more[0]!, [2, 2, 2, 2]), ...rated(more[1]!, [1, 1, 1, 1])];
    expect(agreement('pairwise', [...a, ...more], all).realism).toBe(1);
    expect(agreement('pairwise', a, ratings).realism).toBeNull();
  });
});
