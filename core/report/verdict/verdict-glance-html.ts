import type { ReportData } from '../report-data.js';
import { esc, fmt } from '../html-escape.js';
import { fill, valueLabel, type ReportStrings } from '../report-strings.js';
import { coarseTau, disagreementFigure, flaggedEvidence, flaggedScatter, trustedLine } from './verdict-metrics-html.js';
import type { VerdictStrings } from './verdict-strings.js';

/** How many of the most-disagreeing items the first screen shows, as small thumbnails. */
const GLANCE_ITEMS = 2;

/** The plain-words conclusion of a flagged metric's evidence, the strongest flag first. */
function conclusion(flags: readonly string[]): 'glance-item-against' | 'glance-item-none' | 'glance-weak' | 'glance-system' {
  if (flags.includes('item-below-zero')) return 'glance-item-against';
  if (flags.includes('item-reaches-zero') || flags.includes('item-undefined')) return 'glance-item-none';
  return flags.includes('below-ceiling') ? 'glance-weak' : 'glance-system';
}

/**
 * The metrics at a glance, for the first screen: the flagged metric with the strongest evidence
 * in one sentence of numbers (system tau, item Spearman with its interval), a small scatter and
 * the two items it and people disagree on most; every flagged card follows further down.
 */
export function metricsGlanceHtml(data: ReportData, thumbs: Readonly<Record<string, string>>, t: ReportStrings, v: VerdictStrings): string {
  const m = data.verdict.metrics;
  if (!m) return `<h3>${v.metrics}</h3><p class="note">${v.noStudy}</p>`;
  if (m.flagged.length === 0) return `<h3>${v.metrics}</h3>${trustedLine(m, t, v)}<p class="ok">${v.noneFlagged}</p>`;
  const f = m.flagged[0]!;
  const a = flaggedEvidence(data, f);
  const all = new Set(data.human.find((h) => h.study.id === m.study)!.analysis!.agreement.map((x) => x.metric)).size;
  const byKey = new Map(data.generations.map((g) => [g.key, g]));
  const [tau, rho] = [f.systemTau, f.itemSpearman];
  const numbers = fill(v.glanceNumbers, {
    dimension: esc(valueLabel(t, f.dimension)),
    tau: fmt(tau.value, 2),
    tauLow: fmt(tau.low, 2),
    tauHigh: fmt(tau.high, 2),
    systems: a.systems,
    rho: fmt(rho.value, 2),
    rhoLow: fmt(rho.low, 2),
    rhoHigh: fmt(rho.high, 2),
    items: a.items,
    group: f.group ? fill(v.glanceGroup, { group: esc(f.group.group) }) : '',
  });
  const items = f.disagreements
    .slice(0, GLANCE_ITEMS)
    .map((item) => disagreementFigure(f, item, byKey.get(item), thumbs, t, v))
    .join('');
  return `<h3>${v.metrics} <span class="n-inline">${fill(v.glanceHead, { flagged: m.flagged.length, all })}</span></h3>
<div class="flag-glance"><div class="card-head"><span class="badge bad">${t.flagged}</span> <code>${esc(f.metric)}</code></div>
<p class="numbers">${numbers} <b>${v[conclusion(f.flags)]}</b></p>
<div class="glance-evidence">${flaggedScatter(data, f, t, v, true)}<div class="strip">${items}</div></div>
<a href="#flagged-metrics">${fill(coarseTau(data) ? v.glanceAllCoarse : v.glanceAll, { n: m.flagged.length, systems: a.systems })}</a></div>`;
}
