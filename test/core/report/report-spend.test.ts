import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GenerationOutcome } from '../../../core/types/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { flatPicture, inReportWorkspace, reportOfRun } from './report-workspace.js';
import { planned } from '../store/store-fixtures.js';

const tempDir = useTempDir();

/**
 * Two paid generators on two prompt sets. `null` is a done generation without a stored cost, and
 * a failed or pending one costs nothing: 0.1 + 0.2 checks that sums are not left with float noise.
 */
const OUTCOMES: [generator: string, set: string, cost: number | null | 'failed' | 'pending'][] = [
  ['gpt', 'counting', 0.04],
  ['gpt', 'counting', 0.04],
  ['gpt', 'counting', 'failed'],
  ['gpt', 'people', 0.04],
  ['kling', 'counting', 0.35],
  ['kling', 'counting', null],
  ['kling', 'people', 0.1],
  ['kling', 'people', 0.2],
  ['kling', 'people', 'pending'],
];

async function writeSpendReport() {
  const { dir } = tempDir();
  return inReportWorkspace(dir, async (store, media) => {
    const png = await flatPicture(8, '#c33', 'png');
    const { hash } = await media.put(png, 'image/png');
    await store.openRun('r1', {
      run: { id: 'r1' },
      generators: [
        { id: 'gpt', type: 'openai-images', synthetic: false },
        { id: 'kling', type: 'async-job', synthetic: false },
      ],
    });
    const items = OUTCOMES.map(([generatorId, set], i) =>
      planned(`k${i}`, { generatorId, promptSetId: set, promptSetVersion: set === 'people' ? 2 : 1, promptId: `p${i}` }),
    );
    await store.planGenerations('r1', items);
    for (const [i, [, , cost]] of OUTCOMES.entries()) {
      if (cost === 'pending') continue;
      const outcome: GenerationOutcome =
        cost === 'failed'
          ? { status: 'failed', errorCategory: 'refused', errorMessage: 'flagged' }
          : { status: 'done', mediaHash: hash, mime: 'image/png', width: 8, height: 8, latencyMs: 5, costUsd: cost ?? undefined };
      await store.finishGeneration(`k${i}`, outcome);
    }
    return await reportOfRun(store, media, dir);
  });
}

describe('spend in the report', () => {
  it('sums the stored cost of done generations per generator, per prompt set and in all, in JSON, CSV and HTML', async () => {
    const report = await writeSpendReport();
    const json = JSON.parse(readFileSync(report.json, 'utf8'));
    const byGenerator = json.generators.map((g: { id: string; costUsd: number; costUnknown: number }) => [g.id, g.costUsd, g.costUnknown]);
    expect(byGenerator).toEqual([
      ['gpt', 0.12, 0],
      ['kling', 0.65, 1],
    ]);
    expect(json.spend).toEqual({
      done: 7,
      costUsd: 0.77,
      costUnknown: 1,
      byPromptSet: [
        { promptSet: 'counting@1', done: 4, costUsd: 0.43, costUnknown: 1 },
        { promptSet: 'people@2', done: 3, costUsd: 0.34, costUnknown: 0 },
      ],
      byGeneratorAndPromptSet: [
        { generatorId: 'gpt', promptSet: 'counting@1', done: 2, costUsd: 0.08, costUnknown: 0 },
        { generatorId: 'gpt', promptSet: 'people@2', done: 1, costUsd: 0.04, costUnknown: 0 },
        { generatorId: 'kling', promptSet: 'counting@1', done: 2, costUsd: 0.35, costUnknown: 1 },
        { generatorId: 'kling', promptSet: 'people@2', done: 2, costUsd: 0.3, costUnknown: 0 },
      ],
    });
    // Every way of cutting the spend adds up to the same total.
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
    expect(sum(json.generators.map((g: { costUsd: number }) => g.costUsd))).toBe(json.spend.costUsd);
    expect(sum(json.spend.byPromptSet.map((s: { costUsd: number }) => s.costUsd))).toBe(json.spend.costUsd);
    expect(sum(json.spend.byGeneratorAndPromptSet.map((s: { costUsd: number }) => s.costUsd))).toBe(json.spend.costUsd);

    expect(readFileSync(report.spendCsv, 'utf8').trim().split('\n')).toEqual([
      'by,generator,prompt_set,done,cost_unknown,cost_usd',
      'generator,gpt,,3,0,0.12',
      'generator,kling,,4,1,0.65',
      'prompt_set,,counting@1,4,1,0.43',
      'prompt_set,,people@2,3,0,0.34',
      'generator_and_prompt_set,gpt,counting@1,2,0,0.08',
      'generator_and_prompt_set,gpt,people@2,1,0,0.04',
      'generator_and_prompt_set,kling,counting@1,2,1,0.35',
      'generator_and_prompt_set,kling,people@2,2,0,0.3',
      'all,,,7,1,0.77',
    ]);
    const scores = readFileSync(report.csv, 'utf8').trim().split('\n');
    const cost = scores[0]!.split(',').indexOf('cost_usd');
    expect(scores.slice(1).map((row) => row.split(',')[cost])).toEqual(['0.04', '0.04', '', '0.04', '0.35', '', '0.1', '0.2', '']);

    const html = readFileSync(report.html, 'utf8');
    const spendTable = html.slice(html.indexOf('<h2>Spend</h2>'));
    const rowOf = (name: string) => spendTable.match(new RegExp(`<tr[^>]*><th>${name}.*?</tr>`))![0].match(/<td class="num">[^<]*/g);
    expect(rowOf('gpt')).toEqual(['<td class="num">$0.08', '<td class="num">$0.04', '<td class="num">$0.12']);
    expect(rowOf('kling')).toEqual(['<td class="num">≥ $0.35', '<td class="num">$0.30', '<td class="num">≥ $0.65']);
    expect(rowOf('total')).toEqual(['<td class="num">≥ $0.43', '<td class="num">$0.34', '<td class="num">≥ $0.77']);
    expect(readFileSync(report.htmlZh, 'utf8')).toContain('<h2>花费</h2>');
  });
});
