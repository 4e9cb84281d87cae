import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from '../cli/config-fixtures.js';
import { runInProcess } from '../cli/run-in-process.js';

const tempDir = useTempDir();

/** Runs `prompts` counting prompts in zh and en and returns the report pages. */
async function reportOf(prompts: number): Promise<{ en: string; zh: string }> {
  const t = tempDir();
  t.write(
    'loupe.config.yaml',
    smallConfig({
      prompts: `  - { set: counting, sample: ${prompts} }`,
      generators: '  - { id: g, type: synthetic, width: 32, height: 32 }',
      extra: `metrics: [sharpness]\nreport: { dir: ${join(t.dir, 'reports')} }`,
    }),
  );
  expect((await runInProcess(['run', '--quiet', '-c', join(t.dir, 'loupe.config.yaml')])).code).toBe(0);
  const dir = join(t.dir, 'reports', 'test-run');
  return { en: readFileSync(join(dir, 'report.html'), 'utf8'), zh: readFileSync(join(dir, 'report.zh.html'), 'utf8') };
}

describe("the report's gallery", () => {
  it('shows 12 prompt rows of a larger run and says that they are a sample and where the rest is', async () => {
    // 7 prompts in 2 languages: 14 rows, 12 shown.
    const { en, zh } = await reportOf(7);
    expect(en.match(/<th class="prompt">/g)).toHaveLength(12);
    expect(en).toContain('A sample: 12 of 14 prompts (first sample of each). Every generation and score is in report.json and scores.csv.');
    expect(zh).toContain('共 14 条提示词，展示 12 条');
  });

  it('says nothing of sampling when every prompt is shown', async () => {
    const { en } = await reportOf(6);
    expect(en.match(/<th class="prompt">/g)).toHaveLength(12);
    expect(en).not.toContain('A sample:');
  });
});
