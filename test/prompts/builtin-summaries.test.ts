import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinSets } from '../../prompts/builtin.js';
import { builtinSummaries, writeBuiltinSummaries } from '../../prompts/builtin-summaries.js';
import { describeSet } from '../../prompts/set-summary.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe("the built-in sets' summaries written by the build", () => {
  it('are what reading every set gives, are used while the data has their hash, and are ignored once it has not', () => {
    const index = join(tempDir().dir, 'builtin-summaries.json');
    const read = loadBuiltinSets().map((set) => describeSet(set, 'builtin'));
    expect(writeBuiltinSummaries(index)).toBe(read.length);
    expect(builtinSummaries(index)).toEqual(read);
    // With the data's hash, the index is taken as it is: no set is read.
    const stored = JSON.parse(readFileSync(index, 'utf8')) as { hash: string; summaries: { title: string }[] };
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    stored.summaries[0]!.title = 'from the index';
    writeFileSync(index, JSON.stringify(stored));
    expect(builtinSummaries(index)[0]!.title).toBe('from the index');
    // Data edited since the build (another hash), or no build at all: every set is read again.
    writeFileSync(index, JSON.stringify({ ...stored, hash: '0'.repeat(64) }));
    expect(builtinSummaries(index)).toEqual(read);
    expect(builtinSummaries(join(tempDir().dir, 'none.json'))).toEqual(read);
  });
});
