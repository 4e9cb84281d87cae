import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../core/config/schema.js';
import { configCatalog } from '../../../core/cli/compose.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';
import { runInProcess } from './run-in-process.js';

const tempDir = useTempDir();

describe('loupe prompts', () => {
  it('lists every built-in set with counts per category and language as JSON', async () => {
    const t = tempDir();
    const r = await runCli(['prompts', 'list', '--json'], t.dir);
    expect(r.code).toBe(0);
    const sets = JSON.parse(r.stdout) as {
      id: string;
      version: number;
      prompts: number;
      categories: Record<string, number>;
      languages: Record<string, number>;
      upstream?: { repository: string };
    }[];
    const own = sets.filter((s) => !s.upstream).map((s) => s.id);
    expect(own.sort()).toEqual(['counting', 'culture-poetry', 'people', 'text-rendering', 'video-motion', 'zh-core']);
    expect(sets.filter((s) => s.upstream).map((s) => s.id)).toContain('geneval');
    for (const s of sets) {
      expect(Object.values(s.categories).reduce((a, b) => a + b, 0)).toBe(s.prompts);
      // Loupe's own sets are written in both languages; a public suite has what upstream has, no machine translation.
      if (!s.upstream) expect(s.languages.zh).toBe(s.prompts);
    }
  });

  it('imports a CSV into the store, lists it and runs on it', async () => {
    const t = tempDir();
    t.write('mine.csv', 'id,category,zh,en,count_object,count_n\nm1,counting,两只猫,Two cats,cat,2\nm2,scene,一条街,A street,,\n');
    t.write(
      'loupe.config.yaml',
      smallConfig({ prompts: '  - { set: mine }', generators: '  - { id: g, type: synthetic, width: 64, height: 64 }' }),
    );
    const imported = await runCli(['prompts', 'import', 'mine.csv'], t.dir);
    expect(imported.stdout).toContain('imported: set "mine" v1, 2 prompts');
    const list = JSON.parse((await runCli(['prompts', 'list', '--json'], t.dir)).stdout) as { id: string; source: string }[];
    expect(list.find((s) => s.id === 'mine')?.source).toBe('mine.csv');
    const show = await runCli(['prompts', 'show', 'mine'], t.dir);
    expect(show.stdout).toContain('zh: 两只猫');
    const run = await runCli(['run', '--quiet'], t.dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Generating: 4 to make');
  });

  it('imports a public suite in its own format, and names the file and line of a bad entry', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig());
    const line = (count: number) => JSON.stringify({ tag: 'counting', include: [{ class: 'clock', count }], prompt: `${count} clocks` });
    t.write('meta.jsonl', `${line(2)}\n${line(3)}\n`);
    const config = join(t.dir, 'loupe.config.yaml');
    const ok = await runInProcess([
      'prompts',
      'import',
      '--format',
      'geneval',
      '--id',
      'geneval-next',
      join(t.dir, 'meta.jsonl'),
      '-c',
      config,
    ]);
    expect(ok.stdout).toContain('imported: set "geneval-next" v1, 2 prompts');
    t.write('bad.jsonl', `${line(2)}\n${line(0)}\n`);
    const bad = await runInProcess(['prompts', 'import', '--format', 'geneval', join(t.dir, 'bad.jsonl'), '-c', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.jsonl:2: include[0].count');
  });

  it('refuses a changed wording under the same set version', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig());
    t.write('mine.csv', 'id,category,en\nm1,scene,A cat\n');
    await runCli(['prompts', 'import', 'mine.csv'], t.dir);
    t.write('mine.csv', 'id,category,en\nm1,scene,A black cat\n');
    const again = await runCli(['prompts', 'import', 'mine.csv'], t.dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/version/);
    const bumped = await runCli(['prompts', 'import', 'mine.csv', '--set-version', '2'], t.dir);
    expect(bumped.stdout).toContain('imported: set "mine" v2');
  });

  it('has --help on every command', async () => {
    const t = tempDir();
    for (const args of [
      ['--help'],
      ['prompts', '--help'],
      ['prompts', 'import', '--help'],
      ['run', '--help'],
      ['score', '--help'],
      ['config', 'schema', '--help'],
    ]) {
      const r = await runCli(args, t.dir);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: loupe/);
    }
  });
});

describe('loupe.config.schema.json', () => {
  it('is the JSON Schema of the current config schema (regenerate with `npm run schema`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../loupe.config.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema(Object.values(configCatalog().generators)));
  });
});
