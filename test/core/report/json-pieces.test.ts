import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../../core/report/json-pieces.js';
import { writePieces } from '../../../core/report/write-pieces.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

/** Values where JSON.stringify has a rule of its own: what it leaves out, writes as null, or calls toJSON on. */
const TRICKY: Record<string, unknown> = {
  empty: { o: {}, a: [], nested: [[], [{}], { a: [] }] },
  left_out: { u: undefined, f: () => 1, s: Symbol('s'), kept: 1 },
  only_left_out: { u: undefined },
  as_null_in_arrays: [undefined, () => 1, Symbol('s'), NaN, Infinity],
  numbers: [0, -0, 1e21, 1.5e-7, -3, 0.1 + 0.2],
  strings: ['a\nb', '"quoted"', '\u2028 \u2029', '欢迎光临', '😀', '\\', ''],
  dates: { at: new Date(Date.UTC(2026, 11, 5, 12)), list: [new Date(0)] },
  to_json: { custom: { toJSON: () => ({ made: [1, { x: 'y' }] }) } },
  deep: { a: { b: { c: [{ d: [1, [2, { e: null }]] }] } } },
  top_level_array: [{ a: 1 }, [1, 2], 'x', null, true],
};

describe('jsonPieces', () => {
  for (const [name, value] of Object.entries(TRICKY)) {
    it(`joins to JSON.stringify(value, null, 2): ${name}`, () => {
      expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
    });
  }

  it('never yields a piece bigger than one element of a long list', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ i, text: `row ${i}`, scores: { a: i / 7 } }));
    const pieces = [...jsonPieces({ run: 'r', rows })];
    const text = pieces.join('');
    expect(text).toBe(JSON.stringify({ run: 'r', rows }, null, 2));
    expect(pieces.length).toBeGreaterThan(rows.length);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(text.length / rows.length + 20);
  });
});

describe('writePieces', () => {
  it('writes a text of several chunks (over a megabyte) byte for byte', async () => {
    const value = { rows: Array.from({ length: 4000 }, (_, i) => ({ i, text: `第 ${i} 行 ${'x'.repeat(300)}` })) };
    const file = join(tempDir().dir, 'big.json');
    await writePieces(file, jsonPieces(value));
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(1 << 20);
    expect(text).toBe(JSON.stringify(value, null, 2));
  });

  it('names the file it cannot open', async () => {
    const file = join(tempDir().dir, 'no-such-folder', 'report.json');
    await expect(writePieces(file, ['x'])).rejects.toThrow(/no-such-folder/);
  });
});
