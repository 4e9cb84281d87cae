import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { askChoices } from '../../../core/cli/init-command.js';
import { checkChoices, type StarterCatalog, starterConfigText } from '../../../core/cli/starter-config.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

const catalog: StarterCatalog = {
  generators: [
    { type: 'synthetic', description: 'test images', required: [{ name: 'id', type: 'string' }] },
    {
      type: 'openai-images',
      description: 'OpenAI Images API',
      required: [
        { name: 'id', type: 'string' },
        { name: 'model', type: 'string' },
      ],
    },
  ],
  sets: ['counting', 'geneval'],
  metrics: ['sharpness', 'ocr-text'],
};

/** Answers the questions in order, as a user at the terminal would. */
const answering = (answers: string[]) => async () => answers.shift() ?? '';

describe('loupe init', () => {
  it('--yes writes a commented config that loupe config check accepts, on synthetic generators', async () => {
    const t = tempDir();
    const file = join(t.dir, 'loupe.config.yaml');
    const r = await runInProcess(['init', '--yes', '-c', file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /m);
    const config = parse(text) as { generators: { type: string }[]; prompts: { set: string }[]; languages: string[]; metrics?: unknown };
    expect(new Set(config.generators.map((g) => g.type))).toEqual(new Set(['synthetic']));
    expect(config.prompts.map((p) => p.set)).toEqual(['counting', 'text-rendering', 'zh-core']);
    expect(config.languages).toEqual(['zh', 'en']);
    expect(config.metrics).toBeUndefined();
    const check = await runInProcess(['config', 'check', '-c', file]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain(': ok (run "first-evaluation", 2 generators, 3 prompt sources)');
  });

  it('leaves an existing config alone unless given --force, naming the file', async () => {
    const t = tempDir();
    const file = t.write('loupe.config.yaml', 'run: { id: mine }\n');
    const r = await runInProcess(['init', '--yes', '-c', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${file}: exists; loupe init leaves it as it is (--force overwrites it)\n`);
    expect(readFileSync(file, 'utf8')).toBe('run: { id: mine }\n');
    expect((await runInProcess(['init', '--yes', '--force', '-c', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('id: first-evaluation');
  });

  it('writes what the questions chose, with a placeholder for each required option of a real generator', async () => {
    const choices = await askChoices(answering(['openai-images, synthetic', 'geneval', 'en', 'sharpness']), catalog);
    expect(choices).toEqual({ generators: ['openai-images', 'synthetic'], sets: ['geneval'], languages: ['en'], metrics: ['sharpness'] });
    const t = tempDir();
    const file = t.write('loupe.config.yaml', starterConfigText(choices, catalog));
    const config = parse(readFileSync(file, 'utf8')) as { generators: Record<string, unknown>[]; metrics: string[]; languages: string[] };
    expect(config.generators[0]).toEqual({ id: 'my-openai-images', type: 'openai-images', model: 'TODO' });
    expect(config.metrics).toEqual(['sharpness']);
    expect(config.languages).toEqual(['en']);
    expect((await runInProcess(['config', 'check', '-c', file])).code).toBe(0);
  });

  it('keeps the defaults for empty answers and names the field of an unknown answer', async () => {
    expect(await askChoices(answering([]), catalog)).toEqual({
      generators: ['synthetic'],
      sets: ['counting', 'text-rendering', 'zh-core'],
      languages: ['zh', 'en'],
      metrics: null,
    });
    const bad = await askChoices(answering(['synthetic, dalle', '', 'fr']), catalog);
    expect(() => checkChoices('x.yaml', bad, catalog)).toThrow('x.yaml: generators: unknown "dalle" (known: synthetic, openai-images)');
    expect(() => checkChoices('x.yaml', { ...bad, generators: ['synthetic'], sets: ['counting'] }, catalog)).toThrow(
      'x.yaml: languages: unknown "fr" (known: zh, en)',
    );
  });
});
