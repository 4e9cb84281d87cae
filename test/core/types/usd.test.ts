import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../../core/types/index.js';

describe('formatUsd', () => {
  it('writes cents from a dollar up and up to four decimals below', () => {
    expect([0, 0.04, 0.35, 0.5, 0.0025, 0.00001, 1.7, 1234.5].map(formatUsd)).toEqual([
      '$0.00',
      '$0.04',
      '$0.35',
      '$0.50',
      '$0.0025',
      '<$0.0001',
      '$1.70',
      '$1,234.50',
    ]);
  });
});
