import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

/** A run whose stored config lists `generators`, with one planned generation per generator. */
async function reportOf(generators: Record<string, unknown>[]) {
  const store = await openSqliteStore(join(tempDir().dir, 'loupe.db'));
  try {
    await store.openRun('r1', { run: { id: 'r1' }, generators });
    await store.planGenerations(
      'r1',
      generators.map((g) => planned(`k-${String(g.id)}`, { generatorId: String(g.id), generatorType: String(g.type) })),
    );
    return await buildReportData(store, 'r1', []);
  } finally {
    await store.close();
  }
}

describe('which generators the report marks synthetic', () => {
  it('reads the flag the run recorded for each generator, whatever its type', async () => {
    const data = await reportOf([
      { id: 'drawn', type: 'command', synthetic: true },
      { id: 'real', type: 'a1111', synthetic: false },
    ]);
    expect(Object.fromEntries(data.generators.map((g) => [g.id, g.synthetic]))).toEqual({ drawn: true, real: false });
    expect(data.anySynthetic).toBe(true);
  });

  it('takes the synthetic type as synthetic in a run recorded before the flag', async () => {
    const data = await reportOf([
      { id: 'old', type: 'synthetic' },
      { id: 'api', type: 'openai-images' },
    ]);
    expect(Object.fromEntries(data.generators.map((g) => [g.id, g.synthetic]))).toEqual({ old: true, api: false });
  });

  it('names the run when its stored config does not fit, instead of reading it as it is', async () => {
    await expect(reportOf([{ id: 'g', type: 'synthetic', synthetic: 'yes' }])).rejects.toThrow(
      /run "r1": its stored config does not parse:[\s\S]*generators\[0\]\.synthetic/,
    );
  });
});
