import { describe, expect, it } from 'vitest';
import { checkBudget, emptyCostLine, type CostLine } from '../../../core/run/index.js';

const line = (over: Partial<CostLine>): CostLine => ({ ...emptyCostLine(), ...over });

describe('checkBudget', () => {
  it('adds what is spent to what is left to make, and a sum equal to the budget fits despite float noise', () => {
    expect(checkBudget(line({ spentUsd: 0.1, estimateUsd: 0.2 }), 0.3)).toMatchObject({ fits: true, overUsd: 0, lowerBound: false });
    const over = checkBudget(line({ spentUsd: 1, estimateUsd: 2.5 }), 3);
    expect(over).toMatchObject({ fits: false, committedUsd: 3.5, spareUsd: 0 });
    expect(over.overUsd).toBeCloseTo(0.5, 12);
  });

  it('is a lower bound when anything to make has no price or anything done has no stored cost', () => {
    expect(checkBudget(line({ unpriced: 1 }), 1).lowerBound).toBe(true);
    expect(checkBudget(line({ spentUnknown: 2 }), 1).lowerBound).toBe(true);
  });

  it("adds the judges' estimate to spent and to make, a lower bound where a judge has no price yet", () => {
    const b = checkBudget(line({ spentUsd: 0.1, estimateUsd: 0.3 }), 0.5, { usd: 0.2, unpriced: false });
    expect(b).toMatchObject({ fits: false, judging: { usd: 0.2 }, lowerBound: false });
    expect(b.committedUsd).toBeCloseTo(0.6, 12);
    expect(b.overUsd).toBeCloseTo(0.1, 12);
    expect(checkBudget(line({ estimateUsd: 0.3 }), 0.5, { usd: 0, unpriced: true })).toMatchObject({ fits: true, lowerBound: true });
  });
});
