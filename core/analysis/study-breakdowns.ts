import { meanCi, type MeanCi } from './mean-ci.js';
import { groupBy } from './group-by.js';

/** What a breakdown needs to know about a rated generation. */
export interface ItemFacts {
  generator: string;
  /** The prompt across languages (set/prompt id), to pair zh and en versions. */
  prompt: string;
  language: string;
  /** Breakdown keys and this item's value for each, e.g. { category: 'counting', count: 'n ≤ 3' }. */
  groups: Record<string, string>;
}

export interface BreakdownCell extends MeanCi {
  dimension: string;
  key: string;
  value: string;
  generator: string;
}

export interface LanguageGap extends MeanCi {
  dimension: string;
  generator: string;
  /** MOS of the Chinese version minus MOS of the English version of the same prompt, averaged. */
  pairs: number;
}

/** MOS per generator for every value of every breakdown key (t interval over the items' MOS). */
export function breakdowns(itemMos: Record<string, Record<string, number>>, facts: ReadonlyMap<string, ItemFacts>): BreakdownCell[] {
  const out: BreakdownCell[] = [];
  for (const [dimension, mos] of Object.entries(itemMos)) {
    const rows = Object.entries(mos).flatMap(([item, score]) => {
      const f = facts.get(item);
      return f ? Object.entries(f.groups).map(([key, value]) => ({ key, value, generator: f.generator, score })) : [];
    });
    for (const [, list] of groupBy(rows, (r) => `${r.key}\u0000${r.value}\u0000${r.generator}`)) {
      const { key, value, generator } = list[0]!;
      out.push({ dimension, key, value, generator, ...meanCi(list.map((r) => r.score)) });
    }
  }
  return out.sort((a, b) => (a.dimension + a.key + a.value + a.generator < b.dimension + b.key + b.value + b.generator ? -1 : 1));
}

/**
 * The zh - en gap per generator on prompts rated in both languages: a generator that does not
 * understand Chinese shows a clearly negative gap.
 */
export function languageGaps(itemMos: Record<string, Record<string, number>>, facts: ReadonlyMap<string, ItemFacts>): LanguageGap[] {
  const out: LanguageGap[] = [];
  for (const [dimension, mos] of Object.entries(itemMos)) {
    const rows = Object.entries(mos).flatMap(([item, score]) => (facts.has(item) ? [{ ...facts.get(item)!, score }] : []));
    for (const [generator, list] of groupBy(rows, (r) => r.generator)) {
      const diffs: number[] = [];
      for (const [, versions] of groupBy(list, (r) => r.prompt)) {
        const mean = (lang: string) => {
          const xs = versions.filter((v) => v.language === lang).map((v) => v.score);
          return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
        };
        const zh = mean('zh');
        const en = mean('en');
        if (zh !== null && en !== null) diffs.push(zh - en);
      }
      if (diffs.length > 0) out.push({ dimension, generator, pairs: diffs.length, ...meanCi(diffs) });
    }
  }
  return out;
}

/** The counting bucket the labs report: from the tags `n-le-3` / `n-gt-3`, else from expect.count.n. */
export function countBucket(tags: readonly string[], n: number | undefined): string | undefined {
  if (tags.includes('n-le-3')) return 'n ≤ 3';
  if (tags.includes('n-gt-3')) return 'n > 3';
  if (n === undefined) return undefined;
  return n <= 3 ? 'n ≤ 3' : 'n > 3';
}
