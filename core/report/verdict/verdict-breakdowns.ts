import { groupBy, meanCi, type MeanCi } from '../../analysis/index.js';
import type { ReportGeneration } from '../report-data.js';
import type { BreakdownKey, VerdictBreakdowns } from './verdict-schema.js';

/** What the breakdowns need of a prompt: its counting bucket (expect.count.n) and whether it asks for text. */
export interface PromptFacts {
  count?: 'n ≤ 3' | 'n > 3';
  text: boolean;
}

/**
 * The categories the public evaluations report one by one, and the prompt categories each
 * gathers: Chinese culture is spread over festival and craft prompts in the built-in sets.
 */
const CATEGORIES: readonly [BreakdownKey, readonly string[]][] = [
  ['culture', ['culture', 'festival', 'craft']],
  ['poetry', ['poetry']],
  ['people', ['people']],
  ['motion', ['motion']],
  ['physics', ['physics']],
];

interface Valued {
  generator: string;
  prompt: string;
  language: string;
  category: string;
  facts: PromptFacts | undefined;
  value: number;
}

/**
 * The breakdowns labs report, on one basis (item MOS or a metric's scores, by generation key):
 * zh against en on the same prompts (paired), counts up to 3 against above 3, text rendering in
 * Chinese and in English, and the categories where generators fail; and every category per
 * generator for the heatmap. `range` cuts intervals of a bounded basis at its ends.
 */
export function verdictBreakdownRows(
  values: ReadonlyMap<string, number>,
  generations: readonly ReportGeneration[],
  facts: ReadonlyMap<string, PromptFacts>,
  range: readonly [number, number] | undefined,
): Pick<VerdictBreakdowns, 'rows' | 'languagePairs' | 'categories'> {
  const items: Valued[] = generations.flatMap((g) => {
    const value = values.get(g.key);
    const prompt = `${g.promptSetId}/${g.promptId}`;
    return value === undefined
      ? []
      : [{ generator: g.generatorId, prompt, language: g.language, category: g.category, facts: facts.get(prompt), value }];
  });
  const generators = [...new Set(generations.map((g) => g.generatorId))];
  const byGenerator = groupBy(items, (i) => i.generator);
  const mean = (list: readonly Valued[]) =>
    meanCi(
      list.map((i) => i.value),
      { range },
    );
  const languagePairs = generators.map((generator) => ({ generator, ...pairedLanguages(byGenerator.get(generator) ?? []) }));
  const filters: [BreakdownKey, (i: Valued) => boolean][] = [
    ['count-le-3', (i) => i.facts?.count === 'n ≤ 3'],
    ['count-gt-3', (i) => i.facts?.count === 'n > 3'],
    ['text-zh', (i) => isText(i) && i.language === 'zh'],
    ['text-en', (i) => isText(i) && i.language === 'en'],
    ...CATEGORIES.map(([key, names]): [BreakdownKey, (i: Valued) => boolean] => [key, (i) => names.includes(i.category)]),
  ];
  const rows = [
    { key: 'zh-en' as const, cells: languagePairs.map((p) => ({ generator: p.generator, ...p.difference })) },
    ...filters.map(([key, keep]) => ({
      key,
      cells: generators.map((generator) => ({ generator, ...mean((byGenerator.get(generator) ?? []).filter(keep)) })),
    })),
  ].filter((r) => r.cells.some((c) => c.n > 0));
  const categories = [...new Set(items.map((i) => i.category))].sort().flatMap((category) =>
    generators.map((generator) => ({
      generator,
      category,
      ...mean((byGenerator.get(generator) ?? []).filter((i) => i.category === category)),
    })),
  );
  return { rows, languagePairs: languagePairs.filter((p) => p.pairs > 0), categories };
}

const isText = (i: Valued) => i.category === 'text-rendering' || i.facts?.text === true;

/**
 * One generator's zh and en means over the prompts made in both languages, and the paired
 * difference (zh - en per prompt, samples averaged first) with its t interval.
 */
function pairedLanguages(items: readonly Valued[]): { pairs: number; zh: number | null; en: number | null; difference: MeanCi } {
  const zh: number[] = [];
  const en: number[] = [];
  for (const [, versions] of groupBy(items, (i) => i.prompt)) {
    const avg = (language: string) => {
      const xs = versions.filter((v) => v.language === language).map((v) => v.value);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    };
    const [z, e] = [avg('zh'), avg('en')];
    if (z !== null && e !== null) {
      zh.push(z);
      en.push(e);
    }
  }
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return { pairs: zh.length, zh: avg(zh), en: avg(en), difference: meanCi(zh.map((z, i) => z - en[i]!)) };
}
