import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../core/types/seeded-random.js';
import { topMagnitudeMean } from '../../../metrics/video/top-magnitude.js';
import { topFivePercentReference as reference } from './flow-references.js';

describe('top 5% magnitude mean', () => {
  it('averages the largest 5% of magnitudes', () => {
    const u = new Float32Array(100);
    for (let i = 0; i < 5; i++) u[i] = 10 + i;
    expect(topMagnitudeMean(u, new Float32Array(100))).toBe(12);
  });

  it('equals the full sort bit for bit, for values close together and spread over every order of magnitude', () => {
    const rand = mulberry32(13);
    const fields = {
      // A flow field's usual spread: tenths to tens of pixels.
      usual: () => 20 * (rand() - 0.5),
      still: () => 1e-6 * (rand() - 0.5),
      // From 1e-30 to 1e10: the largest values differ from the smallest by far more than a double holds.
      spread: () => (rand() - 0.5) * 10 ** (40 * rand() - 30),
      // Mostly zero, a few tiny and a few huge: a top 5% with zeros and both extremes in it.
      sparse: () => (rand() < 0.97 ? 0 : rand() < 0.5 ? 1e-40 * rand() : 1e30 * rand()),
      // A top 5% of a few ones and many values near 2^-50, each rounded away when added to a one
      // but not when they are added up first, as in ascending order.
      wide: () => (rand() < 0.0003 ? 1 + rand() : rand() < 0.05 ? 2 ** -50 * (1 + rand()) : 0),
      // The same near the bound of the shortcut: a total of about 2^60 units of the smallest value's last place.
      nearBound: () => (rand() < 0.0003 ? 1 + rand() : rand() < 0.05 ? 2 ** -34 * (1 + rand()) : 0),
    };
    for (const [name, value] of Object.entries(fields)) {
      for (const n of [1, 7, 20, 21, 999, 29184]) {
        const u = Float32Array.from({ length: n }, value),
          v = Float32Array.from({ length: n }, value);
        expect({ name, n, mean: topMagnitudeMean(u, v) }).toEqual({ name, n, mean: reference(u, v) });
      }
    }
  });
});
