import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { flatPicture, inReportWorkspace, reportOfRun } from './report-workspace.js';
import { planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

/** 2 generators x 3 prompts x 2 languages x 2 samples, in planning order. */
const GENERATORS = ['gen-a', 'gen-b'];
const ITEMS = GENERATORS.flatMap((generatorId) =>
  ['p0', 'p1', 'p2'].flatMap((promptId) =>
    (['zh', 'en'] as const).flatMap((language) => [0, 1].map((sample) => ({ generatorId, promptId, language, sample }))),
  ),
);

/**
 * A run with what the streamed files must carry through: Chinese text, quotes, commas and
 * newlines in prompts and messages, failed and pending generations, scores, a null (does not
 * apply) and a metric's failure with details.
 */
async function writeFixtureReport() {
  const { dir } = tempDir();
  return inReportWorkspace(dir, async (store, media) => {
    const png = await flatPicture(8, '#393', 'png');
    const { hash } = await media.put(png, 'image/png');
    await store.openRun('r1', { run: { id: 'r1', description: 'streamed, "quoted"' }, languages: ['zh', 'en'] });
    const keys = ITEMS.map((_, i) => `k${i}`);
    await store.planGenerations(
      'r1',
      ITEMS.map((item, i) =>
        planned(keys[i]!, { ...item, text: item.language === 'zh' ? '三个红苹果, "欢迎光临"' : 'three apples,\n"welcome"' }),
      ),
    );
    for (const [i, key] of keys.entries()) {
      if (i % 7 === 3) continue; // pending
      if (i % 7 === 5)
        await store.finishGeneration(key, { status: 'failed', errorCategory: 'refused', errorMessage: 'refused: "unsafe",\nsee line 2' });
      else
        await store.finishGeneration(key, { status: 'done', mediaHash: hash, mime: 'image/png', width: 8, height: 8, latencyMs: 100 + i });
    }
    const done = keys.filter((_, i) => i % 7 !== 3 && i % 7 !== 5);
    const score = (key: string, i: number) => ({
      generationKey: key,
      metricId: 'clip-score',
      metricVersion: '1',
      value: i % 5 === 4 ? null : i / 4,
      details: i % 5 === 4 ? { reason: 'english-only model, 中文 prompt' } : { tokens: i },
      provenance: { model: 'tiny' },
      error: null,
    });
    await store.putScores(done.map(score));
    await store.putScores([
      { ...score(done[0]!, 0), metricId: 'ocr', value: null, details: { errorCategory: 'timeout' }, error: 'cannot read image,\n"cut"' },
      { ...score(done[1]!, 1), metricId: 'ocr', value: 1, details: { text: '欢迎光临' } },
    ]);
    return await reportOfRun(store, media, dir);
  });
}

describe('report.json and scores.csv, written as they are made', () => {
  it('report.json is byte for byte JSON.stringify of the report data, as the whole string was written before', async () => {
    const report = await writeFixtureReport();
    const text = readFileSync(report.json, 'utf8');
    expect(text).toBe(JSON.stringify({ $schema: './report.schema.json', ...report.data }, null, 2));
    const json = JSON.parse(text);
    expect(json.generations).toHaveLength(ITEMS.length);
    expect(json.generations[0].text).toBe('三个红苹果, "欢迎光临"');
    expect(json.failures.map((f: { category: string }) => f.category).sort()).toEqual(['decode', 'generate', 'generate', 'generate']);
  });

  it('scores.csv has one row per generation, in order, with its values and statuses', async () => {
    const report = await writeFixtureReport();
    const rows: Record<string, string>[] = parse(readFileSync(report.csv, 'utf8'), { columns: true });
    expect(rows).toHaveLength(ITEMS.length);
    expect(rows.map((r) => ({ generatorId: r.generator, promptId: r.prompt_id, language: r.language, sample: Number(r.sample) }))).toEqual(
      ITEMS,
    );
    expect(rows.filter((r) => r.status === 'failed').map((r) => r.error_message)).toEqual([
      'refused: "unsafe",\nsee line 2',
      'refused: "unsafe",\nsee line 2',
      'refused: "unsafe",\nsee line 2',
    ]);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(3);
    expect(rows[0]).toMatchObject({ 'clip-score': '0', 'clip-score_status': 'scored', ocr: '', ocr_status: 'error' });
    expect(rows[1]).toMatchObject({ 'clip-score': '0.25', ocr: '1', ocr_status: 'scored' });
    expect(rows.filter((r) => r['clip-score_status'] === 'not_applicable')).toHaveLength(
      report.data.generations.filter((g) => g.scores['clip-score'] === null).length,
    );
  });
});
