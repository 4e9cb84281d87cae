import type { HumanStudyReport } from '../study/index.js';
import { esc, fmt } from './html-escape.js';
import { intervalChart, niceTicks } from './report-charts.js';
import { fill, valueLabel, type ReportStrings } from './report-strings.js';

/** Rankings with rank ranges, arena scores, rater quality and breakdowns. */
export function humanSections(human: readonly HumanStudyReport[], t: ReportStrings): string {
  return human.map((h) => (h.analysis ? likertSections(h, t) : arenaSection(h, t))).join('');
}

/** The banner over a report with a simulated study: its "human" numbers are not people's. */
export function simulatedBanner(human: readonly HumanStudyReport[], t: ReportStrings): string {
  return human
    .filter((h) => h.study.source === 'simulated')
    .map(
      (h) =>
        `<p class="banner">${fill(t.simulatedBanner, { badge: `<span class="badge">${t.simulatedBadge}</span>`, study: `<code>${esc(h.study.id)}</code>` })}</p>`,
    )
    .join('');
}

function likertSections(h: HumanStudyReport, t: ReportStrings): string {
  const a = h.analysis!;
  const rankings = a.dimensions
    .map((d) => {
      const dimension = esc(valueLabel(t, d.dimension));
      const chart = intervalChart(
        d.ranking.map((r) => ({ label: r.id, value: r.mean, low: r.low, high: r.high, note: fill(t.itemRank, { rank: r.label }) })),
        { min: 1, max: 5, ticks: [1, 2, 3, 4, 5], title: fill(t.mosAxis, { dimension: valueLabel(t, d.dimension) }) },
      );
      const rows = d.ranking
        .map(
          (r) =>
            `<tr><td class="num rank">${esc(r.label)}</td><th>${esc(r.id)}</th><td class="num">${fmt(r.mean, 2)} <span class="ci">[${fmt(r.low, 2)}, ${fmt(r.high, 2)}]</span></td><td class="num"><span class="ci">[${fmt(r.t.low, 2)}, ${fmt(r.t.high, 2)}]</span></td><td class="num">${r.n}</td></tr>`,
        )
        .join('');
      const { alpha } = d;
      const alphas = `${t.alphaNominal} ${fmt(alpha.nominal, 2)} · ${t.alphaOrdinal} ${fmt(alpha.ordinal, 2)} · ${t.alphaInterval} ${fmt(alpha.interval, 2)} · ${t.alphaRatio} ${fmt(alpha.ratio, 2)} · ${fill(t.alphaPairable, { units: alpha.units, values: alpha.values })}`;
      return `<div class="dim"><h3>${dimension} <span class="alpha">${alphas}</span></h3><div class="dimgrid"><table class="rank"><thead><tr><th>${t.rank}</th><th>${t.generator}</th><th>${t.mosCi}</th><th>${t.tCi}</th><th>${t.ratings}</th></tr></thead><tbody>${rows}</tbody></table>${chart}</div></div>`;
    })
    .join('');
  const screened = a.raters.filter((r) => r.rejected).length;
  const status = (rejected: boolean) => (rejected ? (a.keptScreened ? t.raterKeptOnRequest : t.raterLeftOut) : t.raterKept);
  const raterRows = a.raters
    .map(
      (r) =>
        `<tr class="${r.rejected ? 'flag' : ''}"><th>${esc(r.rater)}</th><td>${status(r.rejected)}</td><td class="num">${r.ratings}</td><td class="num">${fmt(r.details.r1 ?? null, 2)}</td><td class="num">${fmt(r.details.r2 ?? null, 2)}</td><td>${r.findings.map((f) => esc(fill(t.screening[f.check], f.values))).join('; ')}</td></tr>`,
    )
    .join('');
  const screenedNote = screened ? fill(a.keptScreened ? t.screenedKept : t.screenedLeftOut, { n: screened }) : t.noneScreened;
  return `<h2>${t.humanRanking} <small>${fill(t.studyMeta, { id: esc(h.study.id), source: esc(valueLabel(t, h.study.source)), n: h.study.ratings })}</small></h2>
<p class="note">${fill(t.rankingNote, { tolerance: a.rankedBy.tolerance, iterations: a.rankedBy.iterations })} ${screenedNote}</p>
${rankings}
<h2>${t.raterQuality}</h2>
<p class="note">${t.raterNote}</p>
<div class="scroll"><table><thead><tr><th>${t.rater}</th><th>${t.status}</th><th>${t.ratings}</th><th>r1</th><th>r2</th><th>${t.reason}</th></tr></thead><tbody>${raterRows}</tbody></table></div>
${breakdownSection(h, t)}`;
}

function breakdownSection(h: HumanStudyReport, t: ReportStrings): string {
  const dims = h.analysis!.dimensions.map((d) => d.dimension);
  const dim = dims.includes('text-image-consistency') ? 'text-image-consistency' : dims[0];
  if (!dim) return '';
  const dimLabel = valueLabel(t, dim);
  const cells = h.breakdowns.filter((b) => b.dimension === dim);
  const generators = [...new Set(cells.map((c) => c.generator))].sort();
  const keys = ['counting', 'text rendering', 'language', 'category'].filter((k) => cells.some((c) => c.key === k));
  const tables = keys
    .map((key) => {
      const values = [...new Set(cells.filter((c) => c.key === key).map((c) => c.value))].sort((a, b) =>
        a === 'n ≤ 3' ? -1 : b === 'n ≤ 3' ? 1 : a < b ? -1 : 1,
      );
      const rows = generators
        .map(
          (g) =>
            `<tr><th>${esc(g)}</th>${values
              .map((v) => {
                const c = cells.find((x) => x.key === key && x.value === v && x.generator === g);
                return c && c.mean !== null
                  ? `<td class="num">${fmt(c.mean, 2)} <span class="ci">${c.low !== null ? `[${fmt(c.low, 2)}, ${fmt(c.high, 2)}]` : ''}</span><span class="n">n=${c.n}</span></td>`
                  : '<td class="num">–</td>';
              })
              .join('')}</tr>`,
        )
        .join('');
      return `<h3>${fill(t.byKey, { key: esc(valueLabel(t, key)) })}</h3><div class="scroll"><table class="compact"><thead><tr><th>${t.generator}</th>${values.map((v) => `<th>${esc(valueLabel(t, v))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
    })
    .join('');
  const gaps = h.languageGaps.filter((g) => g.dimension === dim);
  const gapChart = gaps.length
    ? `<h3>${t.languageGap}</h3><p class="note">${fill(t.languageGapNote, { n: gaps[0]!.pairs })}</p>${intervalChart(
        gaps.map((g) => ({
          label: g.generator,
          value: g.mean ?? 0,
          low: g.low,
          high: g.high,
          note: `${fmt(g.mean, 2)}`,
          highlight: g.high !== null && g.high < 0,
        })),
        { min: -2, max: 2, ticks: niceTicks(-2, 2, 4), title: fill(t.gapAxis, { dimension: dimLabel }) },
      )}`
    : '';
  return `<h2>${t.breakdowns} <small>${fill(t.breakdownMeta, { dimension: esc(dimLabel) })}</small></h2>${gapChart}${tables}`;
}

const elo = (x: number | null) => (x === null ? '–' : String(Math.round(x)));

function arenaSection(h: HumanStudyReport, t: ReportStrings): string {
  const head = `<h2>${t.arena} <small>${fill(t.arenaMeta, { id: esc(h.study.id), n: h.study.ratings })}</small></h2>`;
  if (!h.arena?.length) return `${head}<p class="note">${t.noVotes}</p>`;
  const blocks = h.arena
    .map(({ dimension, scores }) => {
      const lo = Math.min(...scores.map((s) => s.low ?? s.elo)) - 50;
      const hi = Math.max(...scores.map((s) => s.high ?? s.elo)) + 50;
      const chart = intervalChart(
        scores.map((s) => ({
          label: s.player,
          value: s.elo,
          low: s.low,
          high: s.high,
          note: `${elo(s.elo)} · ${fill(t.itemRank, { rank: s.label })}`,
        })),
        { min: lo, max: hi, ticks: niceTicks(lo, hi), title: fill(t.arenaAxis, { dimension: valueLabel(t, dimension) }) },
      );
      const rows = scores
        .map(
          (s) =>
            `<tr><td class="num rank">${esc(s.label)}</td><th>${esc(s.player)}</th><td class="num">${elo(s.elo)} <span class="ci">[${elo(s.low)}, ${elo(s.high)}]</span></td><td class="num">${s.votes}</td></tr>`,
        )
        .join('');
      return `<h3>${esc(valueLabel(t, dimension))}</h3><div class="dimgrid"><table class="rank"><thead><tr><th>${t.rank}</th><th>${t.generator}</th><th>${t.scoreCi}</th><th>${t.votes}</th></tr></thead><tbody>${rows}</tbody></table>${chart}</div>`;
    })
    .join('');
  return `${head}<p class="note">${t.arenaNote}</p>${blocks}`;
}
