import { esc, fmt } from './html-escape.js';
import { fill, valueLabel, type ReportLanguage, type ReportStrings } from './report-strings.js';
import { HUMAN, type ComparisonRow, type RunComparison } from './run-comparison.js';

/** This section's words, kept here so that the report's shared string tables stay as they are. */
const WORDS = {
  en: {
    heading: 'Against the baseline run {run}',
    intro:
      '{n} prompts were made by both runs (same prompt set, prompt, language, sample and text). Each difference is this run minus the baseline, prompt by prompt, with its 95% t interval; a change is beyond noise when the interval excludes 0.',
    changed: 'Changed beyond noise',
    nothing: 'Nothing changed beyond noise: every interval includes 0.',
    provenance:
      "The two runs' metrics were not computed the same way, so these differences may come from that and not from the generators:",
    all: 'Every generator and measure ({n})',
    only: 'In one run only (nothing to pair): {list}',
    cols: ['generator', 'measure', 'prompts', 'baseline', 'this run', 'difference [95% interval]', 'change'],
    up: 'higher',
    down: 'lower',
    better: 'better',
    worse: 'worse',
    noise: 'within noise',
    same: 'unchanged',
    few: 'too few prompts',
    human: 'people',
    largest: 'Where each change is largest: {generator}, {measure}',
    baseline: 'baseline',
    thisRun: 'this run',
  },
  zh: {
    heading: '与基线运行 {run} 的比较',
    intro:
      '两次运行共同生成了 {n} 个提示词（相同的提示词集、提示词、语言、样本序号和文本）。差值为本次运行减去基线，逐个提示词配对，附 95% t 置信区间；区间不含 0 时才算超出噪声的变化。',
    changed: '超出噪声的变化',
    nothing: '没有超出噪声的变化：所有区间都包含 0。',
    provenance: '两次运行的指标计算方式不同，下列差值可能来自这些设置，而不是来自生成器：',
    all: '全部生成器与指标（{n}）',
    only: '只在一次运行中出现（无法配对）：{list}',
    cols: ['生成器', '指标', '提示词', '基线', '本次运行', '差值 [95% 区间]', '变化'],
    up: '升高',
    down: '降低',
    better: '变好',
    worse: '变差',
    noise: '在噪声范围内',
    same: '不变',
    few: '提示词太少',
    human: '人工',
    largest: '变化最大的提示词：{generator}，{measure}',
    baseline: '基线',
    thisRun: '本次运行',
  },
} as const;

type Words = (typeof WORDS)[ReportLanguage];

/** Where the thumbnails map keeps the baseline run's picture of a generation: its key may also be one of this run's (same store). */
export const baselineThumbKey = (key: string) => `baseline:${key}`;

/**
 * The report's section for `loupe report --baseline <run>`: what changed, beyond noise, since that
 * run, with both runs' pictures of the prompt where each change is largest.
 */
export function compareSection(
  c: RunComparison | undefined,
  thumbs: Readonly<Record<string, string>>,
  language: ReportLanguage,
  t: ReportStrings,
): string {
  if (!c) return '';
  const w = WORDS[language];
  const changed = c.rows.filter((r) => r.change);
  const provenance = c.provenance.length
    ? `<div class="banner"><p>${w.provenance}</p><ul>${c.provenance.map((p) => `<li><code>${esc(p.metric)}</code> ${esc(p.field)}: ${esc(p.baseline ?? '–')} → ${esc(p.candidate ?? '–')}</li>`).join('')}</ul></div>`
    : '';
  const only = [...c.onlyBaseline, ...c.onlyCandidate];
  const store = c.baseline.store ? ` <small>(${esc(c.baseline.store)})</small>` : '';
  return `<h2>${fill(w.heading, { run: `<code>${esc(c.baseline.id)}</code>${store}` })}</h2>
${provenance}<p class="note">${fill(w.intro, { n: c.commonUnits })}</p>
${changed.length ? `<h3>${w.changed}</h3>${table(changed, w, t)}${changed.map((r) => largestPair(r, thumbs, w, t)).join('')}` : `<p>${w.nothing}</p>`}
<details><summary>${fill(w.all, { n: c.rows.length })}</summary>${table(c.rows, w, t)}</details>
${only.length ? `<p class="note">${fill(w.only, { list: only.map((m) => `<code>${esc(m)}</code>`).join(', ') })}</p>` : ''}`;
}

function table(rows: readonly ComparisonRow[], w: Words, t: ReportStrings): string {
  const body = rows
    .map((r) => {
      const ci = r.low === null ? '' : ` <span class="ci">[${fmt(r.low)}, ${fmt(r.high)}]</span>`;
      return `<tr class="${r.change ? 'flag' : ''}"><th>${esc(r.generator)}</th><td>${measureHtml(r, w, t)}</td><td class="num">${r.pairs}</td><td class="num">${fmt(r.baseline)}</td><td class="num">${fmt(r.candidate)}</td><td class="num">${fmt(r.difference)}${ci}</td><td>${verdict(r, w)}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table><thead><tr>${w.cols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const measureHtml = (r: ComparisonRow, w: Words, t: ReportStrings) =>
  r.kind === 'human' ? `${esc(valueLabel(t, r.measure.slice(HUMAN.length)))} <small>(${w.human})</small>` : esc(r.measure);

function largestPair(r: ComparisonRow, thumbs: Readonly<Record<string, string>>, w: Words, t: ReportStrings): string {
  const l = r.largest;
  if (!l) return '';
  const figure = (src: string | undefined, run: string, value: number) =>
    `<figure>${src ? `<img src="${src}" alt="${esc(l.text)}">` : `<div class="noimg">${t.noPreview}</div>`}<figcaption><b>${run}</b> ${fmt(value)}</figcaption></figure>`;
  const title = fill(w.largest, { generator: esc(r.generator), measure: measureHtml(r, w, t) });
  return `<div class="pairs"><div class="pairs-title">${title} <span class="lang">${esc(l.language)}</span> <span class="ptext">${esc(l.text)}</span></div><div class="strip">${figure(thumbs[baselineThumbKey(l.baseline.key)], w.baseline, l.baseline.value)}${figure(thumbs[l.candidate.key], w.thisRun, l.candidate.value)}</div></div>`;
}

function verdict(r: ComparisonRow, w: Words): string {
  if (!r.change) return r.low === null ? w.few : r.low === 0 && r.high === 0 ? w.same : w.noise;
  const better = (r.change === 'up') === (r.direction === 'higher-is-better');
  return `<b>${r.change === 'up' ? w.up : w.down}</b> (${better ? w.better : w.worse})`;
}
