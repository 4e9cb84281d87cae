import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { openSqliteStore } from '../../../core/store/sqlite/store.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { DONE, planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

describe('metric intervals in the report', () => {
  it('keeps the flicker interval inside [0, 1] where the t interval passes 1', async () => {
    const store = await openSqliteStore(join(tempDir().dir, 'loupe.db'));
    try {
      await store.openRun('r1', { run: { id: 'r1' }, generators: [{ id: 'gen-a', type: 'folder' }] });
      const keys = ['k1', 'k2', 'k3'];
      await store.planGenerations(
        'r1',
        keys.map((k, i) => planned(k, { sample: i, modality: 'video' })),
      );
      for (const k of keys) {
        await store.claimGeneration(k, 'me');
        await store.finishGeneration(k, DONE);
      }
      const values = [1, 1, 0.9];
      await store.putScores(
        keys.map((generationKey, i) => ({
          generationKey,
          metricId: 'flicker',
          metricVersion: '1',
          value: values[i]!,
          details: {},
          provenance: {},
          error: null,
        })),
      );
      const flicker = { id: 'flicker', description: '', direction: 'higher-is-better', range: [0, 1] } as const;
      const data = await buildReportData(store, 'r1', [flicker]);
      // By hand: mean 29/30, half-width t(0.975, 2) * sd / sqrt(3) = 4.303 * sqrt(1/300) / sqrt(3) = 0.1434, so the t interval ends at 1.110.
      const half = (4.303 * Math.sqrt(1 / 300)) / Math.sqrt(3);
      const summary = data.generators[0]!.metrics.flicker!;
      expect(summary.mean).toBeCloseTo(29 / 30, 12);
      expect(summary.low).toBeCloseTo(29 / 30 - half, 3);
      expect(summary.high).toBe(1);
      expect(data.generators[0]!.byCategory.counting!.flicker!.high).toBe(1);
      expect(data.generators[0]!.byLanguage.zh!.flicker!.high).toBe(1);
    } finally {
      await store.close();
    }
  });
});
