import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATOR_TYPES } from '../../../models/registry.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { tinyPng } from '../../models/fake-server.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();

describe('loupe generators list', () => {
  it('lists every adapter type with the options its schema takes', async () => {
    const text = await runCli(['generators', 'list'], tmpdir());
    expect(text.code).toBe(0);
    for (const type of Object.keys(GENERATOR_TYPES)) expect(text.stdout).toContain(`${type}: `);
    expect(text.stdout).toMatch(/^ {2}apiKeyEnv +string \(default "OPENAI_API_KEY"\)$/m);

    const json = await runCli(['generators', 'list', '--json'], tmpdir());
    const types = JSON.parse(json.stdout) as { type: string; options: { name: string; required: boolean; values?: string[] }[] }[];
    expect(types.map((t) => t.type)).toEqual(Object.keys(GENERATOR_TYPES));
    const job = types.find((t) => t.type === 'async-job')!;
    expect(job.options.find((o) => o.name === 'preset')!.values).toEqual([
      'replicate',
      'fal',
      'dashscope-wanx-video',
      'dashscope-wanx-image',
      'minimax-video',
      'kling-image',
      'kling-video',
      'ark-seedance',
      'zhipu-cogvideox',
      'runway-image',
      'runway-video',
      'luma-image',
      'luma-video',
      'gemini-veo',
    ]);
    expect(types.find((t) => t.type === 'http')!.options.find((o) => o.name === 'preset')!.values).toEqual([
      'ark-seedream',
      'zhipu-cogview',
      'gemini-imagen',
    ]);
    expect(
      types
        .find((t) => t.type === 'comfyui')!
        .options.filter((o) => o.required)
        .map((o) => o.name),
    ).toEqual(['id', 'workflow', 'nodes']);
  });
});

describe('loupe generators check', () => {
  it('lists folder files and planned prompts that do not match, and a generator that cannot be built', async () => {
    const t = tempDir();
    mkdirSync(join(t.dir, 'clips'));
    const png = await tinyPng();
    writeFileSync(join(t.dir, 'clips', 'count-001_en.png'), png);
    writeFileSync(join(t.dir, 'clips', 'not-a-prompt_en.png'), png);
    writeFileSync(join(t.dir, 'clips', 'readme.txt'), 'x');
    t.write(
      'loupe.config.yaml',
      [
        'run: { id: check }',
        'prompts: [{ set: counting, ids: [count-001, count-002] }]',
        'languages: [en]',
        'generators:',
        '  - { id: vendor, type: folder, dir: clips, pattern: "{promptId}_{language}.{ext}" }',
        '  - { id: comfy, type: comfyui, workflow: missing.json, nodes: { prompt: { node: "6" } } }',
      ].join('\n'),
    );
    const r = await runCli(['generators', 'check'], t.dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('vendor: 1 of 2 planned prompts have a file');
    expect(r.stdout).toContain('prompts without a file (id/language/sample): count-002/en/0');
    expect(r.stdout).toMatch(/files no planned prompt uses: readme.txt, .*not-a-prompt_en.png/);
    expect(r.stdout).toMatch(/comfy: comfyui "comfy": cannot read the workflow .*missing.json/);
  });
});
