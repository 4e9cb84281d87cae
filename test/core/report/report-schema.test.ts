import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildReportData } from '../../../core/report/report-data.js';
import { reportJsonSchema } from '../../../core/report/report-schema.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { seededStore } from '../study/human-store-fixture.js';

const tempDir = useTempDir();

describe('report.schema.json', () => {
  it('is a documented JSON Schema that refuses unknown fields', () => {
    const schema = reportJsonSchema();
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.description).toMatch(/Loupe report/);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual([
      '$schema',
      'run',
      'generatedAt',
      'anySynthetic',
      'metrics',
      'generators',
      'failures',
      'generations',
      'spend',
      'ledger',
      'human',
      'languageGaps',
      'composition',
      'verdict',
      'comparison',
    ]);
  });

  it('accepts the JSON of a report with a likert study, per-group agreement and an arena, and refuses a changed one', async () => {
    const store = await seededStore(tempDir().dir, { zhBlind: true });
    try {
      await store.createStudy({
        id: 'arena',
        runId: 'r1',
        name: 'arena',
        mode: 'pairwise',
        config: { source: 'import', file: 'votes.csv' },
        status: 'closed',
      });
      await store.addAssignments([{ id: 'v1', studyId: 'arena', raterId: 'x', item: 'top/c0/zh|low/c0/zh', position: 0, kind: 'normal' }]);
      await store.addRatings([
        {
          studyId: 'arena',
          assignmentId: 'v1',
          raterId: 'x',
          dimension: 'preference',
          value: 1,
          cannotRate: null,
          timeMs: 0,
          watchedToEnd: null,
        },
      ]);
      const data = await buildReportData(store, 'r1', [], { iterations: 30 });
      expect(data.human.map((h) => h.study.mode)).toEqual(['likert', 'pairwise']);
      expect(data.human[0]!.analysis!.agreement.some((a) => a.byGroup.length > 0)).toBe(true);
      const json = JSON.parse(JSON.stringify({ $schema: './report.schema.json', ...data }));
      // Validated by the JSON Schema document as written to disk, not by the zod schema it came from.
      const validate = z.fromJSONSchema(JSON.parse(JSON.stringify(reportJsonSchema())));
      expect(validate.safeParse(json).error).toBeUndefined();

      const extra = structuredClone(json);
      extra.human[0].analysis.agreement[0].byGroup[0].surprise = 1;
      expect(validate.safeParse(extra).success).toBe(false);
      const missing = structuredClone(json);
      delete missing.generators[0].byLanguage;
      expect(validate.safeParse(missing).success).toBe(false);
      const wrongType = structuredClone(json);
      wrongType.run.status = 'finished';
      expect(validate.safeParse(wrongType).success).toBe(false);
    } finally {
      await store.close();
    }
  });
});
