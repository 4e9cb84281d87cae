import type { Agreement, Estimate } from '../analysis/metric-agreement.js';
import type { HumanStudyReport } from './human-data.js';
import { esc, fmt } from './html-escape.js';
import { intervalChart, niceTicks } from './report-charts.js';

const est = (e: Estimate) => (e.value === null ? '–' : `${fmt(e.value, 2)} <span class="ci">[${fmt(e.low, 2)}, ${fmt(e.high, 2)}]</span>`);

/** Metric against people, the flagged pairs first, with the items they disagree on most side by side. */
export function agreementSection(human: readonly HumanStudyReport[], thumbs: Readonly<Record<string, string>>): string {
  const studies = human.filter((h) => h.analysis && h.analysis.agreement.length > 0);
  if (studies.length === 0) return '';
  return studies.map((h) => {
    const all = h.analysis!.agreement;
    const flagged = all.filter((a) => a.flagged);
    const summary = flagged.length
      ? `<p class="alert"><b>${flagged.length} of ${all.length}</b> metric × dimension pairs do not clearly agree with people and should not be trusted for that judgement: ${[...new Set(flagged.map((a) => a.metric))].map((m) => `<code>${esc(m)}</code>`).join(', ')}.</p>`
      : `<p class="ok">Every metric agrees clearly with people on every dimension rated.</p>`;
    const rows = all.map((a) => `<tr class="${a.flagged ? 'flag' : ''}"><td>${a.flagged ? '<span class="badge bad">FLAGGED</span>' : '<span class="badge good">ok</span>'}</td><th>${esc(a.metric)}</th><td>${esc(a.dimension)}</td><td class="num">${est(a.systemTau)}</td><td class="num">${est(a.itemSpearman)}</td><td class="num">${est(a.pairwiseAccuracy)}</td><td class="reasons">${a.reasons.map(esc).join('<br>')}</td></tr>`).join('');
    const table = `<div class="scroll"><table><thead><tr><th></th><th>metric</th><th>dimension</th><th>system Kendall τ<sub>b</sub></th><th>item Spearman ρ</th><th>pairwise acc. (ties)</th><th>why flagged</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    // One strip per flagged metric, on the dimension people judge it by most often.
    const byMetric = [...new Set(flagged.map((a) => a.metric))].map((m) => flagged.find((a) => a.metric === m && a.dimension === 'text-image-consistency') ?? flagged.find((a) => a.metric === m)!);
    const worst = byMetric.slice(0, 6).map((a) => disagreementRow(a, h, thumbs)).join('');
    return `<h2>Automatic metrics against people <small>study ${esc(h.study.id)}</small></h2>${summary}${table}${worst ? `<h3>Where flagged metrics and raters disagree most</h3>${worst}` : ''}
<p class="note">System level: Kendall's τ<sub>b</sub> between generator means of the metric and of the MOS. Item level: Spearman's ρ and pairwise accuracy with ties (acc<sub>eq</sub>, Deutsch et al. 2023) across rated items. 95% percentile intervals from resampling prompts (seeded). A pair is flagged when an interval reaches zero or the system τ is below the bar.</p>`;
  }).join('');
}

function disagreementRow(a: Agreement & { metric: string; dimension: string }, h: HumanStudyReport, thumbs: Readonly<Record<string, string>>): string {
  const cells = a.disagreements.map((d) => {
    const info = h.items[d.item];
    const img = thumbs[d.item] ? `<img src="${thumbs[d.item]}" alt="${esc(info?.text ?? d.item)}">` : '<div class="noimg">no preview</div>';
    return `<figure>${img}<figcaption><b>${esc(d.system)}</b> <span class="lang">${esc(info?.language ?? '')}</span><div class="ptext">${esc(info?.text ?? d.item)}</div>${esc(a.metric)} ${fmt(d.metric)} · rank ${Math.round(d.metricRank)}<br>MOS ${fmt(d.human, 2)} · rank ${Math.round(d.humanRank)} of ${a.items}</figcaption></figure>`;
  }).join('');
  return `<div class="pairs"><div class="pairs-title"><code>${esc(a.metric)}</code> against ${esc(a.dimension)} <span class="n">ranks from 1 = worst; the metric and the raters put these items furthest apart</span></div><div class="strip">${cells}</div></div>`;
}

/** Rankings with rank ranges, arena scores, rater quality and breakdowns. */
export function humanSections(human: readonly HumanStudyReport[]): string {
  return human.map((h) => (h.analysis ? likertSections(h) : arenaSection(h))).join('');
}

function likertSections(h: HumanStudyReport): string {
  const a = h.analysis!;
  const rankings = a.dimensions.map((d) => {
    const chart = intervalChart(d.ranking.map((r) => ({ label: r.id, value: r.mean, low: r.low, high: r.high, note: `rank ${r.label}` })), { min: 1, max: 5, ticks: [1, 2, 3, 4, 5], title: `MOS (1-5), ${d.dimension}` });
    const rows = d.ranking.map((r) => `<tr><td class="num rank">${esc(r.label)}</td><th>${esc(r.id)}</th><td class="num">${fmt(r.mean, 2)} <span class="ci">[${fmt(r.low, 2)}, ${fmt(r.high, 2)}]</span></td><td class="num">${r.n}</td></tr>`).join('');
    return `<div class="dim"><h3>${esc(d.dimension)} <span class="alpha">α<sub>interval</sub> ${fmt(d.alpha.interval, 2)} · α<sub>ordinal</sub> ${fmt(d.alpha.ordinal, 2)}</span></h3><div class="dimgrid"><table class="rank"><thead><tr><th>rank</th><th>generator</th><th>MOS [95%]</th><th>ratings</th></tr></thead><tbody>${rows}</tbody></table>${chart}</div></div>`;
  }).join('');
  const screened = a.raters.filter((r) => r.rejected);
  const raterRows = a.raters.map((r) => `<tr class="${r.rejected ? 'flag' : ''}"><th>${esc(r.rater)}</th><td>${r.rejected ? (a.keptScreened ? 'screened (kept on request)' : 'left out') : 'kept'}</td><td class="num">${r.ratings}</td><td class="num">${fmt(r.details.r1 ?? null, 2)}</td><td class="num">${fmt(r.details.r2 ?? null, 2)}</td><td>${esc(r.reason)}</td></tr>`).join('');
  return `<h2>Human ranking <small>study ${esc(h.study.id)} · ${esc(h.study.source)} · ${h.study.ratings} ratings</small></h2>
<p class="note">MOS per generator with 95% intervals from a two-level bootstrap over prompts and raters. Generators share a rank range when their intervals overlap or they differ by less than the tolerance: the order among them is noise. ${screened.length ? `${screened.length} screened rater(s) ${a.keptScreened ? 'are kept on request' : 'are left out'}.` : 'No rater was screened out.'}</p>
${rankings}
<h2>Rater quality</h2>
<p class="note">Screening before any result: ITU-R BT.500 (kurtosis-based P/Q counts), ITU-T P.913 (correlation with the MOS: r1 per item, r2 per generator), gold items and repeats. Krippendorff's α per dimension is shown with the rankings (1 is perfect agreement, 0 is chance).</p>
<div class="scroll"><table><thead><tr><th>rater</th><th>status</th><th>ratings</th><th>r1</th><th>r2</th><th>reason</th></tr></thead><tbody>${raterRows}</tbody></table></div>
${breakdownSection(h)}`;
}

function breakdownSection(h: HumanStudyReport): string {
  const dims = h.analysis!.dimensions.map((d) => d.dimension);
  const dim = dims.includes('text-image-consistency') ? 'text-image-consistency' : dims[0];
  if (!dim) return '';
  const cells = h.breakdowns.filter((b) => b.dimension === dim);
  const generators = [...new Set(cells.map((c) => c.generator))].sort();
  const keys = ['counting', 'text rendering', 'language', 'category'].filter((k) => cells.some((c) => c.key === k));
  const tables = keys.map((key) => {
    const values = [...new Set(cells.filter((c) => c.key === key).map((c) => c.value))].sort((a, b) => (a === 'n ≤ 3' ? -1 : b === 'n ≤ 3' ? 1 : a < b ? -1 : 1));
    const rows = generators.map((g) => `<tr><th>${esc(g)}</th>${values.map((v) => {
      const c = cells.find((x) => x.key === key && x.value === v && x.generator === g);
      return c && c.mean !== null ? `<td class="num">${fmt(c.mean, 2)} <span class="ci">${c.low !== null ? `[${fmt(c.low, 2)}, ${fmt(c.high, 2)}]` : ''}</span><span class="n">n=${c.n}</span></td>` : '<td class="num">–</td>';
    }).join('')}</tr>`).join('');
    return `<h3>By ${esc(key)}</h3><div class="scroll"><table class="compact"><thead><tr><th>generator</th>${values.map((v) => `<th>${esc(v)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
  }).join('');
  const gaps = h.languageGaps.filter((g) => g.dimension === dim);
  const gapChart = gaps.length ? `<h3>Chinese against English, same prompts</h3><p class="note">MOS of the Chinese version minus the English version of the same prompt, averaged over ${gaps[0]!.pairs} prompt(s); a generator that does not understand Chinese falls well below zero.</p>${intervalChart(gaps.map((g) => ({ label: g.generator, value: g.mean ?? 0, low: g.low, high: g.high, note: `${fmt(g.mean, 2)}`, highlight: g.high !== null && g.high < 0 })), { min: -2, max: 2, ticks: niceTicks(-2, 2, 4), title: `zh − en, ${dim}` })}` : '';
  return `<h2>Breakdowns <small>${esc(dim)}, MOS per item with t intervals</small></h2>${gapChart}${tables}`;
}

const elo = (x: number | null) => (x === null ? '–' : String(Math.round(x)));

function arenaSection(h: HumanStudyReport): string {
  const head = `<h2>Arena <small>study ${esc(h.study.id)} · ${h.study.ratings} votes</small></h2>`;
  if (!h.arena?.length) return `${head}<p class="note">No votes yet.</p>`;
  const blocks = h.arena.map(({ dimension, scores }) => {
    const lo = Math.min(...scores.map((s) => s.low ?? s.elo)) - 50;
    const hi = Math.max(...scores.map((s) => s.high ?? s.elo)) + 50;
    const chart = intervalChart(scores.map((s) => ({ label: s.player, value: s.elo, low: s.low, high: s.high, note: elo(s.elo) })), { min: lo, max: hi, ticks: niceTicks(lo, hi), title: `Bradley-Terry strength, Elo scale (${dimension})` });
    const rows = scores.map((s) => `<tr><th>${esc(s.player)}</th><td class="num">${elo(s.elo)} <span class="ci">[${elo(s.low)}, ${elo(s.high)}]</span></td><td class="num">${s.votes}</td></tr>`).join('');
    return `<h3>${esc(dimension)}</h3><div class="dimgrid"><table><thead><tr><th>generator</th><th>score [95%]</th><th>votes</th></tr></thead><tbody>${rows}</tbody></table>${chart}</div>`;
  }).join('');
  return `${head}<p class="note">Bradley-Terry strengths by maximum likelihood (ties count half a win), shown as 1000 + 400·log10(strength); 95% intervals from resampling the votes.</p>${blocks}`;
}
