import type { Agreement } from '../../analysis/index.js';
import type { ReportData, ReportGeneration } from '../report-data.js';
import { esc, fmt } from '../html-escape.js';
import { reasons } from '../report-agreement-html.js';
import { fill, valueLabel, type ReportStrings } from '../report-strings.js';
import { scatterChart } from '../charts/scatter-chart.js';
import { verdictScale } from './verdict-scale.js';
import type { FlaggedMetric } from './verdict-schema.js';
import type { VerdictStrings } from './verdict-strings.js';

/** How many of the most-disagreeing items each flagged metric shows beside its scatter plot. */
const SHOWN_ITEMS = 4;
/** How many flagged cards are open; the rest, with weaker evidence, are folded. */
const OPEN_CARDS = 2;
/** Up to this many generators, system-level tau is coarse enough to say so beside the flags. */
const FEW_SYSTEMS = 4;

/** The agreement a flagged metric's evidence comes from: overall, or the prompt set or language it is flagged on. */
export function flaggedEvidence(data: ReportData, f: FlaggedMetric): Agreement {
  const study = data.human.find((h) => h.study.id === data.verdict.metrics!.study)!;
  const pair = study.analysis!.agreement.find((a) => a.metric === f.metric && a.dimension === f.dimension)!;
  return f.group ? pair.byGroup.find((g) => g.by === f.group!.by && g.group === f.group!.group)! : pair;
}

/** The first screen's scatter: small, with no colour key and "MOS" as the axis title. */
const SMALL = { width: 170, height: 72, legend: false };

/** A flagged metric's scatter against people, its most-disagreeing items ringed; full size, or small for the first screen. */
export function flaggedScatter(data: ReportData, f: FlaggedMetric, t: ReportStrings, v: VerdictStrings, small = false): string {
  const byKey = new Map(data.generations.map((g) => [g.key, g]));
  const generators = data.generators.map((g) => g.id);
  const dimension = valueLabel(t, f.dimension);
  const worst = new Set(f.disagreements);
  return scatterChart(
    f.points.map((p) => ({
      x: p.metric,
      y: p.human,
      group: Math.max(0, generators.indexOf(p.generator)),
      label: `${p.generator} · ${byKey.get(p.item)?.promptId ?? p.item}`,
      highlight: worst.has(p.item),
    })),
    generators,
    {
      x: verdictScale(
        null,
        f.points.map((p) => p.metric),
      ),
      y: [1, 5],
      xTitle: fill(v.scatterX, { metric: f.metric }),
      yTitle: small ? 'MOS' : fill(v.scatterY, { dimension }),
      title: fill(v.scatterTitle, { metric: f.metric, dimension }),
      description: v.scatterDescription,
    },
    small ? SMALL : undefined,
  );
}

/** One of the items where a flagged metric and people disagree most: its thumbnail, prompt, score and MOS. */
export function disagreementFigure(
  f: FlaggedMetric,
  item: string,
  g: ReportGeneration | undefined,
  thumbs: Readonly<Record<string, string>>,
  t: ReportStrings,
  v: VerdictStrings,
): string {
  const point = f.points.find((p) => p.item === item);
  const img = thumbs[item] ? `<img src="${thumbs[item]}" alt="${esc(g?.text ?? item)}">` : `<div class="noimg">${t.noPreview}</div>`;
  return `<figure>${img}<figcaption><b>${esc(g?.generatorId ?? '')}</b> <span class="lang">${esc(g?.language ?? '')}</span><div class="ptext">${esc(g?.text ?? item)}</div>${fill(v.itemLine, { metric: esc(f.metric), value: fmt(point?.metric), mos: fmt(point?.human, 2) })}</figcaption></figure>`;
}

/**
 * Which metrics to trust, and each flagged one with why, its scatter against people and the items
 * they disagree on most: the strongest evidence open, the rest folded. Empty when no metric is
 * flagged (the first screen says so).
 */
export function verdictMetricsHtml(
  data: ReportData,
  thumbs: Readonly<Record<string, string>>,
  t: ReportStrings,
  v: VerdictStrings,
): string {
  const m = data.verdict.metrics;
  if (!m || m.flagged.length === 0) return '';
  const byKey = new Map(data.generations.map((g) => [g.key, g]));
  const dims = (list: readonly string[]) => list.map((d) => esc(valueLabel(t, d))).join(', ');
  const where = (f: FlaggedMetric) =>
    f.group ? `${v.groupsOnly}: ${esc(f.group.group)}` : fill(v.flaggedOn, { dimensions: dims(f.dimensions) });
  const head = (f: FlaggedMetric) =>
    `<span class="badge bad">${t.flagged}</span> <code>${esc(f.metric)}</code> <span class="n-inline">${where(f)}</span>`;
  const card = (f: FlaggedMetric) => {
    const items = f.disagreements
      .slice(0, SHOWN_ITEMS)
      .map((item) => disagreementFigure(f, item, byKey.get(item), thumbs, t, v))
      .join('');
    return `<div class="flagged-card"><div class="card-head">${head(f)}</div><p class="reasons">${reasons(flaggedEvidence(data, f), t)}</p><div class="evidence">${flaggedScatter(data, f, t, v)}<div><div class="pairs-title">${v.worst}</div><div class="strip">${items}</div></div></div></div>`;
  };
  const open = m.flagged.slice(0, OPEN_CARDS);
  const folded = m.flagged.slice(OPEN_CARDS).map((f) => {
    const rho = f.itemSpearman;
    const line = fill(v.foldedLine, {
      rho: fmt(rho.value, 2),
      low: fmt(rho.low, 2),
      high: fmt(rho.high, 2),
      dimension: esc(valueLabel(t, f.dimension)),
    });
    return `<details class="flagged-more"><summary>${head(f)} <span class="n-inline">· ${line}</span></summary>${card(f)}</details>`;
  });
  return `<h3 id="flagged-metrics">${v.evidence}</h3>${trustedLine(m, t, v)}<p class="alert"><b>${v.flagged}</b> ${m.flagged.map((f) => `<code>${esc(f.metric)}</code>`).join(', ')}</p>${coarseTauNote(data, v)}<div class="cards">${open.map(card).join('')}</div>${folded.length ? `<p class="note">${fill(v.moreFlagged, { n: folded.length })}</p>${folded.join('')}` : ''}`;
}

/** The metrics that agree with people, each with the dimensions it agrees on. */
export function trustedLine(m: NonNullable<ReportData['verdict']['metrics']>, t: ReportStrings, v: VerdictStrings): string {
  const dims = (list: readonly string[]) => list.map((d) => esc(valueLabel(t, d))).join(', ');
  return m.trusted.length
    ? `<p class="trusted"><b>${v.trusted}</b> ${m.trusted.map((x) => `<span class="badge good">${esc(x.metric)}</span> <span class="n-inline">${dims(x.dimensions)}</span>`).join(' · ')}</p>`
    : `<p class="note">${v.noneTrusted}</p>`;
}

/** An agreement flagged on system level, when there are so few generators that its tau is coarse; else null. */
export function coarseTau(data: ReportData): Agreement | null {
  const system = data.verdict.metrics?.flagged.find((f) => f.flags.some((x) => x.startsWith('system-')));
  const a = system ? flaggedEvidence(data, system) : null;
  return a && a.systems >= 2 && a.systems <= FEW_SYSTEMS ? a : null;
}

/**
 * With few generators, system-level tau takes a handful of values (3 generators: -1, -1/3, 1/3,
 * 1), so one swapped pair flags a metric: said plainly, instead of alarming with the count.
 */
function coarseTauNote(data: ReportData, v: VerdictStrings): string {
  const a = coarseTau(data);
  if (!a) return '';
  const m = data.verdict.metrics!;
  const pairs = (a.systems * (a.systems - 1)) / 2;
  // Without ties tau-b is (concordant - discordant) / pairs, and every number of discordant pairs can occur.
  const values = Array.from({ length: pairs + 1 }, (_, k) => fmt(-1 + (2 * k) / pairs, 2)).join(', ');
  const all = new Set(data.human.find((h) => h.study.id === m.study)!.analysis!.agreement.map((x) => x.metric)).size;
  return `<p class="note coarse-tau">${fill(v.coarseTau, { flagged: m.flagged.length, all, systems: a.systems, pairs, values, bar: a.minSystemTau })}</p>`;
}
