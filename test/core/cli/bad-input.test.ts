import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp-dir.js';
import { smallConfig } from './config-fixtures.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDir();

describe('bad input gets exit code 2 and a message naming the file, line and field', () => {
  it('malformed YAML', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', 'run:\n  id: x\ngenerators: [\n  - id: a\n');
    const r = await runCli(['run'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loupe\.config\.yaml:\d+: malformed YAML/);
  });

  it('an unknown generator type', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig({ generators: '  - { id: good, type: synthetic }\n  - id: other\n    type: dall-e-9' }));
    const r = await runCli(['run'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('loupe.config.yaml:10: generators[1].type: unknown generator type "dall-e-9"; known types: synthetic');
  });

  it('an unknown field and a bad value', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig({ extra: 'samples: 0\nlanguage: [fr]' }));
    const r = await runCli(['config', 'check'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loupe\.config\.yaml:11: samples: .*>=1/);
    expect(r.stderr).toContain('loupe.config.yaml:12: language: unknown field "language"');
  });

  it('a missing config file', async () => {
    const t = tempDir();
    const r = await runCli(['run', '--config', 'nope.yaml'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml: cannot read the config file (no such file');
  });

  it('a prompt file with a duplicate id and one with a missing field', async () => {
    const t = tempDir();
    t.write('dup.jsonl', '{"id":"a","category":"scene","text":{"en":"A cat"}}\n{"id":"a","category":"scene","text":{"en":"A dog"}}\n');
    t.write('missing.csv', 'id,category,en\nb,,A dog\n');
    const dup = await runCli(['prompts', 'validate', 'dup.jsonl'], t.dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('dup.jsonl:2: id: duplicate prompt id "a" (first used on line 1)');
    const missing = await runCli(['prompts', 'validate', 'missing.csv'], t.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.csv:2: category: /);
  });

  it('an unwritable report folder, before any generation', async () => {
    const t = tempDir();
    writeFileSync(join(t.dir, 'blocker'), 'a file, not a folder');
    t.write('loupe.config.yaml', smallConfig({ extra: 'report: { dir: blocker/reports }' }));
    const r = await runCli(['run'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/loupe\.config\.yaml: report\.dir: cannot write to the folder .*blocker\/reports \(ENOTDIR\)/);
    expect(r.stderr).not.toMatch(/Generating/);
  });

  it('a corrupted SQLite file', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig());
    mkdirSync(join(t.dir, '.loupe'));
    writeFileSync(join(t.dir, '.loupe/loupe.db'), Buffer.alloc(8192, 7));
    const r = await runCli(['run'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.loupe\/loupe\.db: .*not a valid Loupe database/);
  });

  it('an unknown command', async () => {
    const t = tempDir();
    const r = await runCli(['frobnicate'], t.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});

describe('steps out of order', () => {
  it('report before any run names the command that starts one', async () => {
    const t = tempDir();
    t.write('loupe.config.yaml', smallConfig());
    const r = await runCli(['report'], t.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no run "test-run" in .loupe/loupe.db yet: start it with `loupe run` or `loupe generate`');
  });
});
