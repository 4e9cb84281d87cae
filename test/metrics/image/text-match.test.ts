import { describe, expect, it } from 'vitest';
import { charF1, editDistance, matchText, normaliseText, normalisedEditDistance } from '../../../metrics/image/text-match.js';

describe('text matching for ocr-text', () => {
  it('normalises full-width forms, CJK punctuation, case and whitespace', () => {
    expect(normaliseText('ＯＰＥＮ　２４ Hours！')).toBe('open24hours!');
    expect(normaliseText('“欢迎光临”。')).toBe('"欢迎光临".');
    expect(normaliseText('欢迎，光临')).toBe(normaliseText('欢迎,光临'));
    expect(normaliseText(' 床前\n明月光 ')).toBe('床前明月光');
  });

  it('counts edits over code points, a CJK character or emoji once', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('欢迎光临', '欢迎光顾')).toBe(1);
    expect(editDistance('🐼a', 'a')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(normalisedEditDistance('欢迎光临', '欢迎光顾')).toBe(0.25);
    expect(normalisedEditDistance('', '')).toBe(0);
  });

  it('computes character F1 on multisets', () => {
    expect(charF1('欢迎光顾', '欢迎光临').f1).toBeCloseTo(0.75, 10);
    // Read 2 of the 3 expected letters plus 2 extra: precision 2/4, recall 2/3, F1 = 4/7.
    expect(charF1('abxy', 'abc').f1).toBeCloseTo(4 / 7, 10);
    expect(charF1('aa', 'a')).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(charF1('', 'abc').f1).toBe(0);
  });

  it('gives an exact match only after normalisation', () => {
    expect(matchText('ＯＰＥＮ ２４ HOURS', 'open 24 hours').exact).toBe(true);
    expect(matchText('OPEN 42 HOURS', 'OPEN 24 HOURS')).toMatchObject({ exact: false, editDistance: 2 });
  });
});
