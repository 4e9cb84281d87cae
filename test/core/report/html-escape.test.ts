import { describe, expect, it } from 'vitest';
import { esc, fmt } from '../../../core/report/html-escape.js';

describe('fmt', () => {
  it('prints rounding residue as zero, not as a tiny exponent', () => {
    const residue = 0.1 + 0.2 - 0.3; // 5.55e-17
    expect(residue).not.toBe(0);
    expect(fmt(residue)).toBe('0.000');
    expect(fmt(-residue, 2)).toBe('0.00');
  });

  it('keeps small real values, large values and missing ones readable', () => {
    expect(fmt(0.0004)).toBe('4.00e-4');
    expect(fmt(0.5)).toBe('0.500');
    expect(fmt(123.456)).toBe('123.5');
    expect(fmt(250_000)).toBe('2.50e+5');
    expect(fmt(null)).toBe('–');
    expect(fmt(Number.NaN)).toBe('–');
  });
});

describe('esc', () => {
  it('escapes the five characters that break markup', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
