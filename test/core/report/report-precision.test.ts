import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { DONE, planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

describe('scores of one metric at two weights precisions in the report', () => {
  it('keeps clip-score and clip-score@q8 apart: two columns, each the mean of its own scores', async () => {
    const store = await openSqliteStore(join(tempDir().dir, 'loupe.db'));
    try {
      await store.openRun('r1', { run: { id: 'r1' }, generators: [{ id: 'gen-a', type: 'folder' }] });
      const keys = ['k1', 'k2', 'k3', 'k4'];
      await store.planGenerations(
        'r1',
        keys.map((k, i) => planned(k, { sample: i })),
      );
      for (const k of keys) {
        await store.claimGeneration(k, 'me');
        await store.finishGeneration(k, DONE);
      }
      const score = (metricId: string, precision: string, values: number[]) =>
        keys.map((generationKey, i) => ({
          generationKey,
          metricId,
          metricVersion: '1',
          value: values[i]!,
          details: {},
          provenance: { en: { precision } },
          error: null,
        }));
      await store.putScores([...score('clip-score', 'fp32', [10, 20, 30, 40]), ...score('clip-score@q8', 'q8', [50, 60, 70, 81])]);
      const describe = (id: string) => ({ id, description: '', direction: 'higher-is-better', range: [0, 100] }) as const;
      const data = await buildReportData(store, 'r1', [describe('clip-score'), describe('clip-score@q8')]);
      const metrics = data.generators[0]!.metrics;
      expect(Object.keys(metrics).sort()).toEqual(['clip-score', 'clip-score@q8']);
      // By hand: (10 + 20 + 30 + 40) / 4 and (50 + 60 + 70 + 81) / 4; mixed, all eight would average 45.125.
      expect(metrics['clip-score']!.mean).toBeCloseTo(25, 12);
      expect(metrics['clip-score@q8']!.mean).toBeCloseTo(65.25, 12);
      expect(metrics['clip-score']!.n).toBe(4);
    } finally {
      await store.close();
    }
  });
});
