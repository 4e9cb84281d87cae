import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type AdminOverview, type SpotCheckRating, type StudyExtended, DIMENSIONS } from '../shared/index.js';
import { ADMIN_STRINGS } from './admin-strings.js';
import { api } from './api-client.js';
import { STRINGS, type UiLang } from './i18n.js';
import './loupe-adaptive-status.js';
import './loupe-media.js';
import './loupe-new-link.js';
import { baseStyles } from './shared-styles.js';

const fmt = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
const dimName = (lang: UiLang, d: (typeof DIMENSIONS)[number]) => {
  const dim = STRINGS[lang].dimensions[d];
  return dim.imageName ? `${dim.name} / ${dim.imageName}` : dim.name;
};
const secs = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

/** The coordinator's page: progress, quality control, spot checks, close, reopen or extend, a rater's new link. */
@customElement('loupe-admin')
export class LoupeAdmin extends LitElement {
  static override styles = [
    baseStyles,
    css`
      section { margin-bottom: 16px; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
      th, td { border-bottom: 1px solid #e3e0d8; padding: 6px 8px; text-align: left; }
      td.n { font-variant-numeric: tabular-nums; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; }
      .spots { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
      .spot { font-size: 0.85em; }
      .spot loupe-media { --loupe-media-max: 180px; margin-bottom: 6px; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #e3e0d8; }
      .badge.open { background: #d7f0dc; }
      .extend form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; }
      .extend label { display: flex; flex-direction: column; gap: 4px; font-size: 0.9em; }
      .extend input { width: 7em; padding: 4px 6px; }
      .links code { user-select: all; word-break: break-all; }
    `,
  ];

  @property() token = '';
  @property() uiLang: UiLang = 'zh';
  @state() private overview: AdminOverview | null = null;
  @state() private spots: SpotCheckRating[] = [];
  @state() private error = '';
  @state() private extended: StudyExtended | null = null;
  @state() private extendError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.overview = await api.overview(this.token);
      this.spots = (await api.spotCheck(this.token)).sample;
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async setStatus(status: 'open' | 'closed'): Promise<void> {
    await api.setStatus(this.token, status);
    await this.load();
  }

  private async extend(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const perItem = String(form.get('perItem') ?? '');
    try {
      this.extended = await api.extend(this.token, {
        addRaters: Number(form.get('addRaters') ?? 0),
        ...(perItem ? { ratingsPerItem: Number(perItem) } : {}),
      });
      this.extendError = '';
      await this.load();
    } catch (err) {
      this.extendError = (err as Error).message;
    }
  }

  private renderExtend() {
    const a = ADMIN_STRINGS[this.uiLang];
    const x = this.extended;
    return html`<section class="card extend">
      <h3>${a.extend}</h3>
      <p class="muted">${a.extendHelp}</p>
      <form @submit=${this.extend}>
        <label>${a.addRaters}<input name="addRaters" type="number" min="0" max="200" value="1"></label>
        <label>${a.perItem}<input name="perItem" type="number" min="1" max="50"></label>
        <button type="submit">${a.extendGo}</button>
      </form>
      ${this.extendError ? html`<p role="alert">${STRINGS[this.uiLang].error}: ${this.extendError}</p>` : null}
      ${
        x
          ? html`<p>${a.extended}: ${x.newItems} / ${x.assignments}</p>
        ${x.raters.length ? html`<p>${a.newLinks}</p><ul class="links">${x.raters.map((r) => html`<li>${r.id}: <code>${location.origin}${r.path}</code></li>`)}</ul>` : null}`
          : null
      }
    </section>`;
  }

  override render() {
    const a = ADMIN_STRINGS[this.uiLang];
    const t = STRINGS[this.uiLang];
    if (this.error) return html`<div class="card" role="alert">${t.error}: ${this.error}</div>`;
    const o = this.overview;
    if (!o) return null;
    const open = o.study.status === 'open';
    return html`
      <section class="card head">
        <div><h2>${a.title}: ${o.study.name}</h2><span class="muted">${o.study.id} · ${o.study.mode} · ${o.ratings} ${a.ratings}</span></div>
        <div>${a.status}: <span class="badge status ${o.study.status}">${open ? a.open : a.closed}</span>
          <button class="toggle" @click=${() => this.setStatus(open ? 'closed' : 'open')}>${open ? a.close : a.reopen}</button></div>
      </section>
      <section class="card">
        <h3>${a.raters}</h3>
        <table class="raters">
          <thead><tr><th>${a.rater}</th><th>${a.done}</th><th>${a.median}</th><th>${a.gold}</th><th>${a.repeat}</th><th>${a.link}</th></tr></thead>
          <tbody>${o.raters.map(
            (r) => html`<tr data-rater=${r.raterId}><td>${r.raterId}</td><td class="n done">${r.done} / ${r.total}</td>
            <td class="n">${secs(r.medianTimeMs)}</td><td class="n">${r.goldFailures} / ${r.goldRated}</td><td class="n">${fmt(r.repeatMeanAbsDiff)}</td>
            <td><loupe-new-link .token=${this.token} .raterId=${r.raterId} .uiLang=${this.uiLang}></loupe-new-link></td></tr>`,
          )}</tbody>
        </table>
      </section>
      <section class="card">
        <h3>${a.generators}</h3>
        <table class="generators">
          <thead><tr><th>${a.generator}</th><th>${a.items}</th>${DIMENSIONS.map((d) => html`<th>${dimName(this.uiLang, d)}</th>`)}</tr></thead>
          <tbody>${o.generators.map(
            (g) => html`<tr><td>${g.generatorId}</td><td class="n">${g.ratedItems} / ${g.plannedItems}</td>
            ${DIMENSIONS.map((d) => html`<td class="n">${fmt(g.meanByDimension[d] ?? null)}</td>`)}</tr>`,
          )}</tbody>
        </table>
        <p class="agreement">${a.agreement}: ${DIMENSIONS.map((d) => `${dimName(this.uiLang, d)} ${fmt(o.agreement[d] ?? null)}`).join(' · ')}</p>
      </section>
      ${o.adaptive ? html`<loupe-adaptive-status .status=${o.adaptive} .uiLang=${this.uiLang}></loupe-adaptive-status>` : null}
      <section class="card corrections">
        <h3>${a.corrections} (${o.corrections.length})</h3>
        <p class="muted">${a.correctionsHelp}</p>
        ${
          o.corrections.length
            ? html`<table><thead><tr><th>${a.rater}</th><th>${a.item}</th>${DIMENSIONS.map((d) => html`<th>${dimName(this.uiLang, d)}</th>`)}</tr></thead>
              <tbody>${o.corrections.map(
                (c) => html`<tr data-rater=${c.raterId}><td>${c.raterId}</td><td class="n">${c.item}</td>
                ${DIMENSIONS.map((d) => html`<td class="n">${c.before[d] ?? '–'} → ${c.after[d] ?? '–'}</td>`)}</tr>`,
              )}</tbody></table>`
            : null
        }
      </section>
      ${open ? this.renderExtend() : null}
      <section class="card">
        <div class="head"><h3>${a.spot}</h3><button @click=${() => this.load()}>${a.refresh}</button></div>
        <div class="spots">
          ${this.spots.map(
            (s) => html`<div class="spot">
            ${s.media.map((m) => html`<loupe-media .media=${m}></loupe-media>`)}
            <div><strong>${s.generatorId}</strong> · ${s.raterId} · ${s.kind} · ${secs(s.timeMs)}</div>
            <div class="muted">${s.prompt}</div>
            <div>${s.cannotRate ? `${a.cannot}: ${s.cannotRate}` : DIMENSIONS.map((d) => `${t.dimensions[d].name} ${s.values[d] ?? '–'}`).join(' · ')}</div>
          </div>`,
          )}
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-admin': LoupeAdmin;
  }
}
