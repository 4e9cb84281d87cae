import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from '../cli/config-fixtures.js';
import { runInProcess } from '../cli/run-in-process.js';

const tempDir = useTempDir();

describe('an English-only suite under languages [zh, en]', () => {
  it('is generated in English only, and the report says so in report.json and both HTML pages', async () => {
    const t = tempDir();
    t.write(
      'loupe.config.yaml',
      smallConfig({
        prompts: '  - { set: drawbench, sample: 2 }\n  - { set: counting, sample: 1 }',
        generators: '  - { id: g, type: synthetic, width: 48, height: 48 }',
        extra: `metrics: [sharpness]\nreport: { dir: ${join(t.dir, 'reports')} }`,
      }),
    );
    const run = await runInProcess(['run', '--quiet', '-c', join(t.dir, 'loupe.config.yaml')]);
    expect(run.code).toBe(0);
    const dir = join(t.dir, 'reports', 'test-run');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      languageGaps: unknown[];
      generations: { promptSetId: string; language: string }[];
    };
    expect(report.generations.filter((g) => g.promptSetId === 'drawbench').map((g) => g.language)).toEqual(['en', 'en']);
    expect(report.languageGaps).toEqual([{ promptSetId: 'drawbench', asked: ['zh', 'en'], made: ['en'] }]);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(
      'Prompt set <code>drawbench</code> has no zh text, so it was generated in en only: Loupe does not machine-translate.',
    );
    expect(readFileSync(join(dir, 'report.zh.html'), 'utf8')).toContain('提示词集 <code>drawbench</code> 没有 zh 文本');
  });
});
