import { describe, expect, it } from 'vitest';
import { buildReportData } from '../../../core/report/report-data.js';
import { renderReportHtml } from '../../../core/report/report-html.js';
import { EN } from '../../../core/report/report-strings-en.js';
import { ZH } from '../../../core/report/report-strings-zh.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { seededStore } from '../study/human-store-fixture.js';

const tempDir = useTempDir();

/** Every string leaf of a table, with its path. */
function leaves(table: object, path = ''): [string, string][] {
  return Object.entries(table).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${path}${k}`, v] as [string, string]] : leaves(v as object, `${path}${k}.`),
  );
}

/** What a reader sees: text of elements and SVG labels, without the stylesheet and markup. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('the Chinese report', () => {
  it('has every key of the English table', () => {
    expect(leaves(ZH).map(([k]) => k)).toEqual(leaves(EN).map(([k]) => k));
  });

  it('shows no English string of the table, only data (metric ids, generator and rater names, prompt sets)', async () => {
    const store = await seededStore(tempDir().dir, { zhBlind: true });
    try {
      const data = await buildReportData(store, 'r1', [], { iterations: 50 });
      data.anySynthetic = true;
      const zh = renderReportHtml(data, [], {}, 'zh');
      const en = renderReportHtml(data, [], {}, 'en');
      expect(zh).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
      expect(zh).toContain('<a class="other-lang" href="report.html" hreflang="en">English</a>');
      expect(en).toContain('<a class="other-lang" href="report.zh.html" hreflang="zh-CN">中文版</a>');
      for (const heading of [
        '自动指标与人工评分的一致性',
        '按提示词集和语言的样本级一致性',
        '人工评分排名',
        '评分员质量',
        '同一提示词的中文版与英文版对比',
        '指标来源与版本',
      ])
        expect(zh).toContain(heading);
      expect(zh).toContain('在 zh 上已标记');
      expect(zh).toMatch(/开始于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} UTC/);

      // Prompt sets are data, named id@version (the fixture's set is called "counting", like the category).
      const text = visibleText(zh).replace(/[\w-]+@\d+/g, '');
      expect(text).toContain('P.913：所有评分都是 3（没有变化，一律同分）');
      // Not UI words: the page's language tags and file name; "MOS" is the term in both languages.
      const english = leaves(EN).filter(([key]) => !['htmlLang', 'locale', 'file', 'mosCi'].includes(key));
      const fragments = english
        .flatMap(([, value]) => visibleText(value).split(/\{\w+\}/))
        .map((f) => f.trim())
        .filter((f) => /[A-Za-z]{3,}/.test(f) && f !== 'MOS');
      expect(fragments.length).toBeGreaterThan(80);
      const found = fragments.filter((f) => new RegExp(`(?<![\\w-])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text));
      expect(found).toEqual([]);
      // The same check finds the English strings in the English report.
      expect(fragments.filter((f) => visibleText(en).includes(f)).length).toBeGreaterThan(40);
    } finally {
      await store.close();
    }
  });
});
