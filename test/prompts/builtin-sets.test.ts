import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LANGUAGES, PromptSetSchema, type PromptSet } from '../../core/types/prompt.js';

const SETS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prompts', 'sets');

/** Each built-in set and the least number of prompts it must hold. */
const MIN_PROMPTS: Record<string, number> = {
  'zh-core': 64,
  counting: 64,
  'text-rendering': 44,
  'culture-poetry': 44,
  people: 34,
  'video-motion': 54,
};

/** Sets in which every prompt must be written in both languages. */

function loadSet(id: string): { file: string; set: PromptSet } {
  const file = join(SETS_DIR, `${id}.yaml`);
  const raw: unknown = parse(readFileSync(file, 'utf8'));
  return { file, set: PromptSetSchema.parse(raw) };
}

describe.each(Object.keys(MIN_PROMPTS))('built-in prompt set %s', (id) => {
  const { file, set } = loadSet(id);

  it('matches PromptSetSchema and is named after its id', () => {
    expect(basename(file, '.yaml')).toBe(set.id);
    expect(set.version).toBeGreaterThanOrEqual(1);
    expect(set.license).toBe('CC-BY-4.0');
  });

  it('has at least the required number of prompts', () => {
    expect(set.prompts.length).toBeGreaterThanOrEqual(MIN_PROMPTS[id] ?? Infinity);
  });

  it('has unique prompt ids', () => {
    const ids = set.prompts.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every prompt in both zh and en', () => {
    for (const p of set.prompts) {
      for (const lang of LANGUAGES) {
        expect(p.text[lang], `${p.id} lacks ${lang}`).toBeTruthy();
      }
    }
  });
});

describe('counting set', () => {
  const { set } = loadSet('counting');
  const counts = set.prompts.map((p) => {
    const count = p.expect?.count;
    if (count === undefined) throw new Error(`${p.id} has no expect.count`);
    return { prompt: p, count };
  });

  it('covers every n from 1 to 10', () => {
    const ns = new Set(counts.map((c) => c.count.n));
    for (let n = 1; n <= 10; n++) expect(ns.has(n), `n=${n} missing`).toBe(true);
    for (const n of ns) expect(n).toBeLessThanOrEqual(10);
  });

  it('splits n <= 3 and n > 3 evenly, with matching tags', () => {
    const low = counts.filter((c) => c.count.n <= 3);
    const high = counts.filter((c) => c.count.n > 3);
    expect(low.length).toBe(high.length);
    for (const c of low) expect(c.prompt.tags, c.prompt.id).toContain('n-le-3');
    for (const c of high) expect(c.prompt.tags, c.prompt.id).toContain('n-gt-3');
  });

  it('names the object in Chinese too and is for images', () => {
    for (const { prompt, count } of counts) {
      expect(count.objectZh, prompt.id).toBeTruthy();
      expect(prompt.category).toBe('counting');
      expect(prompt.modality).toBe('image');
    }
  });
});

describe('text-rendering set', () => {
  const { set } = loadSet('text-rendering');

  it('quotes expect.text verbatim in every language version', () => {
    for (const p of set.prompts) {
      const text = p.expect?.text;
      expect(text, `${p.id} has no expect.text`).toBeTruthy();
      for (const lang of LANGUAGES) {
        const body = p.text[lang];
        if (body === undefined) continue;
        expect(body, `${p.id} (${lang})`).toContain(text);
      }
    }
  });

  it('tags each prompt with the script of its text', () => {
    for (const p of set.prompts) {
      const isZh = /\p{Script=Han}/u.test(p.expect?.text ?? '');
      expect(p.tags, p.id).toContain(isZh ? 'zh-text' : 'en-text');
    }
  });
});

describe('culture-poetry set', () => {
  const { set } = loadSet('culture-poetry');

  it('has at least 16 poetry prompts', () => {
    expect(set.prompts.filter((p) => p.category === 'poetry').length).toBeGreaterThanOrEqual(16);
  });
});

describe('video-motion set', () => {
  const { set } = loadSet('video-motion');

  it('is video only', () => {
    for (const p of set.prompts) expect(p.modality, p.id).toBe('video');
  });
});
