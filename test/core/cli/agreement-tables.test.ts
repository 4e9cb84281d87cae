import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

// 30 items of one system, three raters each; "follows" is their mean plus a small offset per item.
function table(withSystem: boolean): string {
  const lines = [`${withSystem ? 'system,' : ''}item,r1,r2,r3,follows,noise`];
  for (let i = 0; i < 30; i++) {
    const q = 1 + (i % 5);
    const r = [q, Math.min(5, q + (i % 2)), Math.max(1, q - ((i >> 1) % 2))];
    lines.push(`${withSystem ? 'only,' : ''}i${i},${r.join(',')},${(r[0]! + r[1]! + r[2]!) / 3 + (i % 3) * 0.01},${(i * 37) % 11}`);
  }
  return lines.join('\n');
}

describe('loupe agreement on tables from elsewhere', () => {
  it('with one system or none: item level only, said once, no system flag on any metric', async () => {
    const t = tempDir();
    for (const withSystem of [true, false]) {
      const file = t.write(`t-${withSystem}.csv`, table(withSystem));
      const base = ['agreement', file, '--raters', 'r1', 'r2', 'r3', '--metric', 'follows', 'noise', '--iterations', '100'];
      const json = JSON.parse((await runInProcess([...base, '--json'])).stdout);
      const [follows, noise] = json.metrics;
      expect(follows.systemTau.value).toBeNull();
      expect(follows.flags).toEqual([]);
      expect(noise.flags).toEqual(['item-reaches-zero']);
      expect(follows.ceiling.panel).toBe(3);
      const text = (await runInProcess(base)).stdout;
      expect(text.match(/System level: not available/g)).toHaveLength(1);
      expect(text).toMatch(withSystem ? /\(one system\)/ : /\(no system column\)/);
      expect(text).not.toMatch(/system-level tau undefined/);
      expect(text).toMatch(/noise {2}\(30 items\): FLAGGED: does not agree with people/);
    }
  });

  it('says what is wrong with a table, naming the file, line and column', async () => {
    const t = tempDir();
    const file = t.write(
      't.csv',
      table(false)
        .replace('i4,', 'i4,')
        .replace(/\ni7,(\d)/, '\ni7,x'),
    );
    const bad = await runInProcess(['agreement', file, '--raters', 'r1', 'r2', 'r3', '--metric', 'follows']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/t\.csv:9: r1: "x" is not a number/);
    const none = await runInProcess(['agreement', file, '--metric', 'follows']);
    expect(none.stderr).toMatch(/t\.csv:1: no human scores: give --human <column>, --raters <columns\.\.\.> or --ratings <file>/);
    const ratings = t.write('long.csv', 'item,rater,score\ni1,a,4\ni1,b,five\n');
    const long = await runInProcess(['agreement', file, '--ratings', ratings, '--metric', 'follows']);
    expect(long.stderr).toMatch(/long\.csv:3: score: "five" is not a number/);
  });

  it('a long ratings file with several dimensions: one is picked with --dimension, its ratings alone make the human score', async () => {
    const t = tempDir();
    // 12 items; "consistency" ratings rise with the item, "realism" ratings fall, three raters each (one a point off).
    const long = ['item,rater,dimension,score'];
    const rows = ['item,m'];
    for (let i = 0; i < 12; i++) {
      for (const [r, off] of [
        ['a', 0],
        ['b', 0],
        ['c', 1],
      ] as const) {
        long.push(`i${i},${r},consistency,${i + off}`, `i${i},${r},realism,${12 - i + off}`);
      }
      rows.push(`i${i},${i / 10}`);
    }
    const file = t.write('t.csv', rows.join('\n'));
    const ratings = t.write('long.csv', long.join('\n'));
    const base = ['agreement', file, '--ratings', ratings, '--metric', 'm', '--iterations', '50', '--json'];
    const both = await runInProcess(base);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/long\.csv:1: dimension: 2 dimensions \(consistency, realism\): pick one with --dimension/);
    const unknown = await runInProcess([...base, '--dimension', 'aesthetics']);
    expect(unknown.stderr).toMatch(/long\.csv:1: dimension: no ratings of dimension "aesthetics"; the file has consistency, realism/);
    // Each item's mean over its three raters is i + 1/3 (or 12 - i + 1/3): the metric orders items exactly with one, against the other.
    for (const [dimension, rho] of [
      ['consistency', 1],
      ['realism', -1],
    ] as const) {
      const out = JSON.parse((await runInProcess([...base, '--dimension', dimension])).stdout);
      expect(out.human).toBe(`mean rating in ${ratings} (${dimension})`);
      expect(out.metrics[0].itemSpearman.value).toBeCloseTo(rho, 12);
      expect([out.metrics[0].items, out.metrics[0].ceiling.panel, out.metrics[0].ceiling.items]).toEqual([12, 3, 12]);
    }
    const noColumn = await runInProcess([
      'agreement',
      file,
      '--ratings',
      t.write('one.csv', 'item,rater,score\ni1,a,4\n'),
      '--metric',
      'm',
      '--dimension',
      'realism',
    ]);
    expect(noColumn.stderr).toMatch(/one\.csv:1: dimension: --dimension realism: the file has no dimension column/);
  });
});
