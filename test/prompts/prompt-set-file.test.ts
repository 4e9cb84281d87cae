import { describe, expect, it } from 'vitest';
import { DataError } from '../../core/types/data-error.js';
import { readPromptSetFile } from '../../prompts/prompt-set-file.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

function problemsOf(fn: () => unknown): { line?: number; field?: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return [...(e as DataError).problems];
  }
  throw new Error('expected a DataError');
}

describe('readPromptSetFile', () => {
  it('reads a CSV with lists, counts and both languages', () => {
    const t = tempDir();
    const file = t.write(
      'my-set.csv',
      [
        'id,category,tags,zh,en,count_object,count_object_zh,count_n,expect_text',
        'a1,counting,n-le-3;fruit,三个苹果,Three apples,apple,苹果,3,',
        'a2,text-rendering,,"招牌写着""开业""",,,,,开业',
      ].join('\n'),
    );
    const set = readPromptSetFile(file);
    expect(set.id).toBe('my-set');
    expect(set.prompts[0]).toMatchObject({
      id: 'a1',
      tags: ['n-le-3', 'fruit'],
      text: { zh: '三个苹果', en: 'Three apples' },
      expect: { count: { object: 'apple', objectZh: '苹果', n: 3 } },
    });
    expect(set.prompts[1]).toMatchObject({ text: { zh: '招牌写着"开业"' }, expect: { text: '开业' } });
  });

  it('names the line of a duplicate id and of its first use (CSV)', () => {
    const t = tempDir();
    const file = t.write('dup.csv', 'id,category,en\nx,scene,A cat\ny,scene,A dog\nx,scene,A bird\n');
    expect(problemsOf(() => readPromptSetFile(file))).toEqual([
      { line: 4, field: 'id', message: 'duplicate prompt id "x" (first used on line 2)' },
    ]);
  });

  it('names the line and field of a missing text and of an unknown column', () => {
    const t = tempDir();
    const missing = t.write('missing.csv', 'id,category,zh,en\nok,scene,猫,A cat\nbad,scene,,\n');
    const [p] = problemsOf(() => readPromptSetFile(missing));
    expect(p).toMatchObject({ line: 3, field: 'text' });
    expect(p!.message).toMatch(/at least one language/);
    const unknown = t.write('unknown.csv', 'id,category,english\n');
    expect(problemsOf(() => readPromptSetFile(unknown))[0]).toMatchObject({ line: 1, field: 'english' });
  });

  it('reads JSONL and names the line of bad JSON and unknown fields', () => {
    const t = tempDir();
    const good = t.write(
      'good.jsonl',
      '{"id":"p1","category":"scene","text":{"en":"A cat"}}\n\n{"id":"p2","category":"scene","text":{"zh":"猫"}}\n',
    );
    expect(readPromptSetFile(good).prompts.map((p) => p.id)).toEqual(['p1', 'p2']);
    const bad = t.write(
      'bad.jsonl',
      '{"id":"p1","category":"scene","text":{"en":"A cat"}}\n{"id": "p2",\n{"id":"p3","category":"scene","text":{"en":"x"},"colour":"red"}\n',
    );
    const problems = problemsOf(() => readPromptSetFile(bad));
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[1]).toMatchObject({ line: 3, field: 'colour', message: 'unknown field "colour"' });
  });

  it('reads a YAML set and names the line of a missing field and a duplicate', () => {
    const t = tempDir();
    const file = t.write(
      'set.yaml',
      [
        'id: mine',
        'version: 2',
        'title: Mine',
        'prompts:',
        '  - id: a',
        '    category: scene',
        '    text: { en: A cat }',
        '  - id: b',
        '    text: { en: A dog }',
        '  - id: a',
        '    category: scene',
        '    text: { en: A bird }',
      ].join('\n'),
    );
    const problems = problemsOf(() => readPromptSetFile(file));
    expect(problems).toEqual([{ line: 8, field: 'prompts[1].category', message: expect.stringMatching(/expected string/) }]);
    const dup = t.write(
      'dup.yaml',
      [
        'id: mine',
        'version: 2',
        'title: Mine',
        'prompts:',
        '  - id: a',
        '    category: scene',
        '    text: { en: A cat }',
        '  - id: a',
        '    category: scene',
        '    text: { en: A bird }',
      ].join('\n'),
    );
    expect(problemsOf(() => readPromptSetFile(dup))).toEqual([
      { line: 8, field: 'id', message: 'duplicate prompt id "a" (first used on line 5)' },
    ]);
  });

  it('names the line of malformed YAML', () => {
    const t = tempDir();
    const file = t.write('broken.yaml', 'id: mine\nprompts:\n  - id: a\n    text: [unclosed\n');
    const [p] = problemsOf(() => readPromptSetFile(file));
    expect(p!.message).toMatch(/malformed YAML/);
    expect(p!.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses an unknown file type and a missing file with the file name', () => {
    const t = tempDir();
    expect(() => readPromptSetFile(t.write('x.txt', ''))).toThrow(/x\.txt: unknown prompt file type/);
    expect(() => readPromptSetFile(`${t.dir}/nope.yaml`)).toThrow(/nope\.yaml: cannot read the file \(ENOENT\)/);
  });
});
