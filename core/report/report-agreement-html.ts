import { type Agreement, type Estimate, MIN_GROUP_ITEMS, type GroupAgreement, type MetricDimensionAgreement } from '../analysis/index.js';
import type { HumanStudyReport } from '../study/index.js';
import { esc, fmt } from './html-escape.js';
import { fill, valueLabel, type ReportStrings } from './report-strings.js';

const est = (e: Estimate) => (e.value === null ? '–' : `${fmt(e.value, 2)} <span class="ci">[${fmt(e.low, 2)}, ${fmt(e.high, 2)}]</span>`);

/** Why a pair is flagged, in the report's language, with the numbers behind it. */
export function reasons(a: Agreement, t: ReportStrings): string {
  const n = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  const values = {
    tau: n(a.systemTau.value),
    tauLow: n(a.systemTau.low),
    tauHigh: n(a.systemTau.high),
    rho: n(a.itemSpearman.value),
    rhoLow: n(a.itemSpearman.low),
    rhoHigh: n(a.itemSpearman.high),
    bar: a.minSystemTau,
    ceiling: n(a.ceiling?.value ?? null),
    of: n(a.ofCeiling?.value ?? null),
    ofLow: n(a.ofCeiling?.low ?? null),
    ofHigh: n(a.ofCeiling?.high ?? null),
    fraction: a.minCeilingFraction,
  };
  return a.flags.map((f) => esc(fill(t.flagText[f], values))).join('<br>');
}

const calibrated = (a: Agreement) =>
  a.tieCalibrated.value === null ? '–' : `${est(a.tieCalibrated)} <span class="n">ε=${fmt(a.tieCalibrated.epsilon, 3)}</span>`;

const crossValidated = (a: Agreement) => {
  const cv = a.tieCalibrated.crossValidated;
  return cv.value === null ? '–' : `${fmt(cv.value, 2)} <span class="n">${cv.folds}×</span>`;
};

/** How the ceiling was made and what weak means, said once under the table; and that system level is not available, when so. */
function ceilingNotes(all: readonly Agreement[], t: ReportStrings): string {
  const withCeiling = all.find((a) => a.ceiling);
  const ceiling = withCeiling?.ceiling
    ? `<p class="note">${fill(t.ceilingNote, { panel: withCeiling.ceiling.panel, items: withCeiling.ceiling.items, fraction: withCeiling.minCeilingFraction })}</p>`
    : '';
  return `${all.every((a) => a.systems < 2) ? `<p class="note">${t.systemNotAvailable}</p>` : ''}${ceiling}`;
}

const groupName = (g: GroupAgreement, t: ReportStrings) => fill(g.by === 'set' ? t.groupSet : t.groupLanguage, { name: esc(g.group) });

/** Metric against people, the flagged pairs first, then those flagged on one prompt set or language, with the items they disagree on most side by side. */
export function agreementSection(human: readonly HumanStudyReport[], thumbs: Readonly<Record<string, string>>, t: ReportStrings): string {
  const studies = human.filter((h) => h.analysis && h.analysis.agreement.length > 0);
  return studies
    .map((h) => {
      const all = h.analysis!.agreement;
      const flagged = all.filter((a) => a.flagged);
      const partly = all.filter((a) => !a.flagged && a.byGroup.some((g) => g.flagged));
      const code = (m: string) => `<code>${esc(m)}</code>`;
      const summary = flagged.length
        ? `<p class="alert">${fill(t.flaggedSummary, { flagged: flagged.length, all: all.length, metrics: [...new Set(flagged.map((a) => a.metric))].map(code).join(', ') })}</p>`
        : partly.length
          ? ''
          : `<p class="ok">${t.allAgree}</p>`;
      const partlySummary = partly.length
        ? `<p class="alert">${fill(t.groupSummary, {
            list: partly
              .map(
                (a) =>
                  `${code(a.metric)} (${esc(valueLabel(t, a.dimension))}: ${a.byGroup
                    .filter((g) => g.flagged)
                    .map((g) => groupName(g, t))
                    .join(', ')})`,
              )
              .join('; '),
          })}</p>`
        : '';
      const badge = (a: MetricDimensionAgreement) => {
        const groups = a.byGroup.filter((g) => g.flagged);
        if (a.flagged) return `<span class="badge bad">${t.flagged}</span>`;
        return groups.length
          ? `<span class="badge bad">${fill(t.flaggedOn, { groups: groups.map((g) => esc(g.group)).join(', ') })}</span>`
          : `<span class="badge good">${t.ok}</span>`;
      };
      // A pair flagged overall says why overall; one flagged on groups only says where (the group table has the rest).
      const why = (a: MetricDimensionAgreement) =>
        a.flagged
          ? reasons(a, t)
          : a.byGroup
              .filter((g) => g.flagged)
              .map((g) => `${groupName(g, t)}: ${reasons(g, t)}`)
              .join('<br>');
      // The reasons go on a row of their own under the numbers, so the table stays within a laptop's width.
      const whyRow = (a: MetricDimensionAgreement) => {
        const text = why(a);
        return text ? `<tr class="flag why"><td></td><td colspan="9" class="reasons"><b>${t.whyFlagged}:</b> ${text}</td></tr>` : '';
      };
      const rows = all
        .map(
          (a) =>
            `<tr class="${a.flagged || a.byGroup.some((g) => g.flagged) ? 'flag' : ''}"><td>${badge(a)}</td><th>${esc(a.metric)}</th><td class="nowrap">${esc(valueLabel(t, a.dimension))}</td><td class="num">${est(a.systemTau)}</td><td class="num">${est(a.itemSpearman)}</td><td class="num">${a.ceiling ? est(a.ceiling) : '–'}</td><td class="num">${a.ofCeiling ? est(a.ofCeiling) : '–'}</td><td class="num">${est(a.pairwiseAccuracy)}</td><td class="num">${calibrated(a)}</td><td class="num">${crossValidated(a)}</td></tr>${whyRow(a)}`,
        )
        .join('');
      const table = `<div class="scroll"><table><thead><tr><th></th><th>${t.metric}</th><th>${t.dimension}</th><th>${t.systemTau}</th><th>${t.itemSpearman}</th><th>${t.ceiling}</th><th>${t.ofCeiling}</th><th>${t.pairwiseAccuracy}</th><th>${t.tieCalibrated}</th><th>${t.crossValidated}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
      // One strip per flagged metric, on the dimension people judge it by most often; then one per group a metric fails on.
      const byMetric = [...new Set(flagged.map((a) => a.metric))].map(
        (m) => flagged.find((a) => a.metric === m && a.dimension === 'text-image-consistency') ?? flagged.find((a) => a.metric === m)!,
      );
      const strips = [
        ...byMetric.map((a) => disagreementRow(a, a.metric, a.dimension, h, thumbs, t)),
        ...partly.flatMap((a) =>
          a.byGroup.filter((g) => g.flagged).map((g) => disagreementRow(g, `${a.metric} · ${groupName(g, t)}`, a.dimension, h, thumbs, t)),
        ),
      ]
        .slice(0, 8)
        .join('');
      return `<h2>${t.agreementHeading} <small>${fill(t.study, { id: esc(h.study.id) })}</small></h2>${summary}${partlySummary}${table}${ceilingNotes(all, t)}${groupTable(all, t)}${strips ? `<h3>${t.worstHeading}</h3>${strips}` : ''}
<p class="note">${t.agreementNote}</p>`;
    })
    .join('');
}

/** Item-level Spearman per prompt set and language: one row per metric and dimension, one column per group. */
function groupTable(all: readonly MetricDimensionAgreement[], t: ReportStrings): string {
  const withGroups = all.filter((a) => a.byGroup.length > 0);
  if (withGroups.length === 0) return '';
  const columns = [...new Map(withGroups.flatMap((a) => a.byGroup).map((g) => [`${g.by}\u0000${g.group}`, g])).values()];
  const head = columns.map((c) => `<th>${groupName(c, t)}</th>`).join('');
  const rows = withGroups
    .map(
      (a) =>
        `<tr><th>${esc(a.metric)} <span class="type">${esc(valueLabel(t, a.dimension))}</span></th>${columns
          .map((c) => {
            const g = a.byGroup.find((x) => x.by === c.by && x.group === c.group);
            return g
              ? `<td class="num${g.flagged ? ' bad' : ''}">${est(g.itemSpearman)}<span class="n">n=${g.items}</span></td>`
              : '<td class="num">–</td>';
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<h3>${t.byGroupHeading}</h3><p class="note">${fill(t.byGroupNote, { min: MIN_GROUP_ITEMS })}</p><div class="scroll"><table class="compact"><thead><tr><th>${t.pairLabel}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function disagreementRow(
  a: Agreement,
  title: string,
  dimension: string,
  h: HumanStudyReport,
  thumbs: Readonly<Record<string, string>>,
  t: ReportStrings,
): string {
  const cells = a.disagreements
    .map((d) => {
      const info = h.items[d.item];
      const img = thumbs[d.item]
        ? `<img src="${thumbs[d.item]}" alt="${esc(info?.text ?? d.item)}">`
        : `<div class="noimg">${t.noPreview}</div>`;
      return `<figure>${img}<figcaption><b>${esc(d.system)}</b> <span class="lang">${esc(info?.language ?? '')}</span><div class="ptext">${esc(info?.text ?? d.item)}</div>${fmt(d.metric)} · ${fill(t.itemRank, { rank: Math.round(d.metricRank) })}<br>${fill(t.itemMos, { mos: fmt(d.human, 2), rank: Math.round(d.humanRank), n: a.items })}</figcaption></figure>`;
    })
    .join('');
  return `<div class="pairs"><div class="pairs-title">${fill(t.against, { metric: `<code>${esc(title)}</code>`, dimension: esc(valueLabel(t, dimension)) })} <span class="n">${t.stripNote}</span></div><div class="strip">${cells}</div></div>`;
}
