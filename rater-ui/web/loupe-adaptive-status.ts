import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AdaptiveOverview, Dimension } from '../shared/index.js';
import { STRINGS, type UiLang } from './i18n.js';
import { baseStyles } from './shared-styles.js';

type PairStatus = AdaptiveOverview['dimensions'][number]['pairs'][number]['status'];

const TEXT = {
  zh: {
    title: '自适应分配',
    help: '每个项目先有固定的最少评分人数，其余预算分给排名尚未确定的相邻生成器。停止条件：每一对相邻生成器都已确定（明显先后，或差距明确在容差之内），或预算用完。',
    budget: '已分配 / 预算',
    floor: '每项最少评分人数',
    tolerance: '容差',
    rated: '计算状态时已评项目',
    running: '仍在分配',
    decided: '已停止：排名已确定',
    spent: '已停止：预算用完',
    pair: '相邻的一对',
    difference: '差值',
    interval: '95% 区间',
    decision: '判定',
    unrated: '尚无评分',
    status: { ordered: '明显先后', 'within-tolerance': '在容差之内', undecided: '未确定' } as Record<PairStatus, string>,
  },
  en: {
    title: 'Adaptive allocation',
    help: 'Every item first gets its floor of raters; the rest of the budget goes to neighbouring generators whose order is still undecided. Stop rule: every neighbouring pair decided (clearly ordered, or clearly within the tolerance), or the budget spent.',
    budget: 'Handed out / budget',
    floor: 'Floor of raters per item',
    tolerance: 'Tolerance',
    rated: 'Items rated when the status was computed',
    running: 'Still allocating',
    decided: 'Stopped: the ranking is decided',
    spent: 'Stopped: the budget is spent',
    pair: 'Neighbouring pair',
    difference: 'Difference',
    interval: '95% interval',
    decision: 'Decision',
    unrated: 'No ratings yet',
    status: { ordered: 'clearly ordered', 'within-tolerance': 'within the tolerance', undecided: 'undecided' } as Record<
      PairStatus,
      string
    >,
  },
};

const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** The admin page's section on an adaptive study: budget, the stop rule, and each neighbouring pair's decision per dimension. */
@customElement('loupe-adaptive-status')
export class LoupeAdaptiveStatus extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { margin-bottom: 16px; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin-bottom: 12px; }
      th, td { border-bottom: 1px solid #e3e0d8; padding: 6px 8px; text-align: left; }
      td.n { font-variant-numeric: tabular-nums; }
      .facts { display: flex; gap: 24px; flex-wrap: wrap; margin: 8px 0 12px; }
      .stop { display: inline-block; padding: 2px 10px; border-radius: 10px; background: #fdf0d2; }
      .stop.done { background: #d7f0dc; }
      .s-ordered { color: #1f6b35; }
      .s-within-tolerance { color: #2b5fb4; }
      .s-undecided { color: #a33a1a; font-weight: 600; }
    `,
  ];

  @property({ attribute: false }) status: AdaptiveOverview | null = null;
  @property() uiLang: UiLang = 'zh';

  private dimensionName(d: string): string {
    const dim = STRINGS[this.uiLang].dimensions[d as Dimension];
    if (!dim) return d;
    return dim.imageName ? `${dim.name} / ${dim.imageName}` : dim.name;
  }

  override render() {
    const s = this.status;
    if (!s) return null;
    const t = TEXT[this.uiLang];
    const stop = s.stopped === 'decided' ? t.decided : s.stopped === 'budget' ? t.spent : t.running;
    return html`<section class="card adaptive">
      <h3>${t.title}</h3>
      <p class="muted">${t.help}</p>
      <div class="facts">
        <span class="stop ${s.stopped ? 'done' : ''}" data-stopped=${s.stopped ?? 'running'}>${stop}</span>
        <span>${t.budget}: <strong class="used">${s.used} / ${s.budget}</strong></span>
        <span>${t.floor}: ${s.floor}</span>
        <span>${t.tolerance}: ${s.tolerance}</span>
        <span>${t.rated}: ${s.ratedItems}</span>
      </div>
      ${s.dimensions.map(
        (d) => html`<h4>${this.dimensionName(d.dimension)}</h4>
          ${d.unrated.length ? html`<p class="muted">${t.unrated}: ${d.unrated.join(', ')}</p>` : null}
          <table class="pairs" data-dimension=${d.dimension}>
            <thead><tr><th>${t.pair}</th><th>${t.difference}</th><th>${t.interval}</th><th>${t.decision}</th></tr></thead>
            <tbody>${d.pairs.map(
              (p) => html`<tr><td>${p.ahead} › ${p.behind}</td><td class="n">${fmt(p.difference)}</td>
                <td class="n">[${fmt(p.low)}, ${fmt(p.high)}]</td><td class="s-${p.status}">${t.status[p.status]}</td></tr>`,
            )}</tbody>
          </table>`,
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-adaptive-status': LoupeAdaptiveStatus;
  }
}
