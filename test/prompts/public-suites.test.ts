import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PromptSet } from '../../core/types/index.js';
import { PUBLIC_DIR, SUITES } from '../../prompts/suites/catalogue.js';
import { suiteSet } from '../../prompts/suites/suite-sets.js';
import { textHash } from '../../prompts/suites/text-hash.js';

// Truth is computed here from the shipped upstream files with the plainest reading (line and
// row counts), independently of the readers under test.
const file = (...p: string[]) => readFileSync(join(PUBLIC_DIR, ...p), 'utf8');
const lines = (...p: string[]) =>
  file(...p)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
interface GenevalLine {
  tag: string;
  prompt: string;
  include: { class: string; count: number; color?: string; position?: [string, number] }[];
  exclude?: { class: string; count: number }[];
}
const tally = (keys: string[]) => keys.reduce<Record<string, number>>((o, k) => ({ ...o, [k]: (o[k] ?? 0) + 1 }), {});
const sets = new Map<string, PromptSet>(SUITES.map((s) => [s.header.id, suiteSet(s)]));
const set = (id: string) => sets.get(id)!;
const categories = (id: string) => tally(set(id).prompts.map((p) => p.category));
const tagged = (id: string, prefix: string) =>
  tally(set(id).prompts.flatMap((p) => p.tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length))));

describe('the public suites as shipped', () => {
  it.each(SUITES.map((s) => s.header.id))('%s: its files are the upstream bytes listed in its SOURCE.md', (id) => {
    const folder = id === 'drawbench' ? 'tifa-v1' : id.startsWith('imagereward') ? 'imagereward' : id === 'vbench-category' ? 'vbench' : id;
    const listed = [...file(folder, 'SOURCE.md').matchAll(/^\| `([^`]+)` \| `([0-9a-f]{64})` \|$/gm)];
    expect(listed.length).toBeGreaterThan(0);
    for (const [, name, sha] of listed)
      expect([
        name,
        createHash('sha256')
          .update(readFileSync(join(PUBLIC_DIR, folder, name!)))
          .digest('hex'),
      ]).toEqual([name, sha]);
    expect(file(folder, 'LICENSE').length).toBeGreaterThan(500);
  });

  it.each(SUITES.map((s) => [s.header.id, s] as const))('%s: a change of text comes with a new version', (_, suite) => {
    expect(
      textHash(suite.read().prompts),
      `the prompts of ${suite.header.id} changed: bump its version and record the new hash in catalogue.ts`,
    ).toBe(suite.textHash);
  });

  it('PartiPrompts: one prompt a row, categories and challenges as upstream counts them', () => {
    const rows = lines('parti', 'PartiPrompts.tsv')
      .slice(1)
      .map((l) => l.split('\t'));
    expect(categories('parti')).toEqual(tally(rows.map((r) => r[1]!)));
    expect(tagged('parti', 'challenge:')).toEqual(tally(rows.map((r) => r[2]!)));
    expect(set('parti').prompts.every((p) => p.text.zh === undefined)).toBe(true);
  });

  it('GenEval: 553 prompts whose expect equals the metadata, field by field', () => {
    const meta = lines('geneval', 'evaluation_metadata.jsonl').map((l) => JSON.parse(l) as GenevalLine);
    const prompts = set('geneval').prompts;
    expect(prompts).toHaveLength(553);
    prompts.forEach((p, i) => {
      const m = meta[i]!;
      expect([p.text.en, p.category]).toEqual([m.prompt, m.tag]);
      expect(p.expect!.layout!.map((o) => [o.object, o.count, o.color, o.position?.relation, o.position?.of])).toEqual(
        m.include.map((o) => [o.class, o.count, o.color, o.position?.[0], o.position?.[1]]),
      );
      expect(p.expect!.fewerThan?.map((o) => [o.object, o.n])).toEqual(m.exclude?.map((o) => [o.class, o.count]));
    });
    expect(categories('geneval')).toEqual({ single_object: 80, two_object: 99, counting: 80, colors: 94, position: 100, color_attr: 100 });
  });

  it('T2I-CompBench: 300 validation prompts per category, as the files hold', () => {
    const truth = Object.fromEntries(
      readdirSync(join(PUBLIC_DIR, 't2i-compbench'))
        .filter((f) => f.endsWith('_val.txt'))
        .map((f) => [f.replace('_val.txt', ''), lines('t2i-compbench', f).length]),
    );
    expect(categories('t2i-compbench')).toEqual(truth);
  });

  it('TIFA v1.0 and its 161 DrawBench prompts keep their upstream ids', () => {
    const inputs = JSON.parse(file('tifa-v1', 'tifa_v1.0_text_inputs.json')) as { id: string; caption: string }[];
    expect(set('tifa-v1').prompts.map((p) => [p.id, p.text.en])).toEqual(inputs.map((x) => [x.id, x.caption.trim()]));
    expect(set('drawbench').prompts.map((p) => p.id)).toEqual(inputs.filter((x) => x.id.startsWith('drawbench_')).map((x) => x.id));
    expect(set('drawbench').prompts).toHaveLength(161);
  });

  it('DSG-1k: every question and dependency of the file, with the upstream quirks handled as documented', () => {
    const rows = lines('dsg-1k', 'dsg-1k-anns.csv').length - 1;
    const prompts = set('dsg-1k').prompts;
    expect(prompts).toHaveLength(1060);
    expect(prompts.reduce((n, p) => n + p.expect!.questions!.length, 0)).toBe(8182);
    expect(rows).toBeGreaterThanOrEqual(8182); // quoted texts may span lines; upstream has 8,182 question rows
    const byId = new Map(prompts.map((p) => [p.id, p]));
    expect(byId.get('tifa160_67')!.tags).toContain('dsg:dependencies-dropped');
    expect(byId.get('tifa160_134')!.tags).toContain('dsg:missing-parent');
    const whoops = byId.get('whoops_5')!.expect!.questions!;
    expect(whoops.map((q) => [q.id, q.parents, q.text.en])).toEqual([
      [1, [], 'Is there a rubix cube?'],
      [2, [1], 'Is the rubix cube purple?'],
      [3, [1], 'Does the rubix cube have ten squares?'],
    ]);
  });

  it('VBench: per dimension with line-aligned Chinese (overall.txt mapped), one prompt per text, 25 samples for flickering', () => {
    const dims = readdirSync(join(PUBLIC_DIR, 'vbench', 'en')).map((f) => f.replace('.txt', ''));
    expect(tagged('vbench', 'dimension:')).toEqual(Object.fromEntries(dims.map((d) => [d, lines('vbench', 'en', `${d}.txt`).length])));
    const en = lines('vbench', 'en', 'overall_consistency.txt');
    const zh = lines('vbench', 'zh', 'overall.txt');
    const byText = new Map(set('vbench').prompts.map((p) => [p.text.en, p]));
    const aligned = en.filter(
      (t, i) => !byText.get(t.trim())!.tags.includes('zh-variants') && byText.get(t.trim())!.text.zh === zh[i]!.trim(),
    );
    expect(aligned.length).toBeGreaterThanOrEqual(en.length - 2);
    expect(set('vbench').samples).toBe(5);
    expect(
      set('vbench')
        .prompts.filter((p) => p.tags.includes('dimension:temporal_flickering'))
        .every((p) => p.samples === 25),
    ).toBe(true);
    expect(set('vbench').prompts.every((p) => p.modality === 'video' && p.text.zh)).toBe(true);
    expect(tagged('vbench-category', 'category:')).toEqual(
      Object.fromEntries(
        readdirSync(join(PUBLIC_DIR, 'vbench', 'category')).map((f) => [f.replace('.txt', ''), lines('vbench', 'category', f).length]),
      ),
    );
  });

  it('VBench-2.0: 18 dimensions, both languages, 20 samples for diversity', () => {
    const dims = readdirSync(join(PUBLIC_DIR, 'vbench2', 'en')).map((f) => f.replace('.txt', ''));
    expect(tagged('vbench2', 'dimension:')).toEqual(Object.fromEntries(dims.map((d) => [d, lines('vbench2', 'en', `${d}.txt`).length])));
    expect(dims).toHaveLength(18);
    expect(
      set('vbench2')
        .prompts.filter((p) => p.tags.includes('dimension:Diversity'))
        .every((p) => p.samples === 20),
    ).toBe(true);
  });

  it('ImageReward: the test set’s 466 prompts and the benchmark’s 100, verbatim', () => {
    const test = JSON.parse(file('imagereward', 'test.json')) as { id: string; prompt: string }[];
    expect(set('imagereward-test').prompts.map((p) => [p.id, p.text.en])).toEqual(test.map((x) => [x.id, x.prompt.trim()]));
    expect(set('imagereward-bench').prompts).toHaveLength(100);
  });
});
