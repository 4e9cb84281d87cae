import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CoordinatorOverview, StudyCreated } from '../shared/index.js';
import { api } from './api-client.js';
import { COORDINATOR_STRINGS } from './coordinator-strings.js';
import { STRINGS, type UiLang } from './i18n.js';
import './loupe-study-form.js';
import type { StudyCreatedEvent } from './loupe-study-form.js';
import { baseStyles } from './shared-styles.js';

/** The coordinator's page (the link `loupe rate` prints): runs, studies, and a form to make a study. */
@customElement('loupe-coordinator')
export class LoupeCoordinator extends LitElement {
  static override styles = [
    baseStyles,
    css`
      section { margin-bottom: 16px; }
      table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
      th, td { border-bottom: 1px solid #e3e0d8; padding: 6px 8px; text-align: left; }
      td.n { font-variant-numeric: tabular-nums; }
      .created { border-left: 4px solid #2e7d32; }
      .links code { user-select: all; word-break: break-all; }
    `,
  ];

  @property() token = '';
  @property() uiLang: UiLang = 'zh';
  @state() private overview: CoordinatorOverview | null = null;
  @state() private created: StudyCreated | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.overview = await api.runsAndStudies(this.token);
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  private async onCreated(e: StudyCreatedEvent): Promise<void> {
    this.created = e.created;
    await this.load();
    this.renderRoot.querySelector('.created')?.scrollIntoView();
  }

  private renderCreated(x: StudyCreated) {
    const c = COORDINATOR_STRINGS[this.uiLang];
    return html`<section class="card created" role="status">
      <h3>${c.done}: ${x.study.name} <span class="muted">(${x.study.id} · ${x.study.mode} · ${x.items} ${c.items} · ${x.assignments} ${c.assignments})</span></h3>
      <p><strong>${c.linksOnce}</strong></p>
      <p>${c.adminLink}: <code class="admin-link">${location.origin}${x.adminPath}</code></p>
      <p>${c.raterLinks}:</p>
      <ul class="links">${x.raters.map((r) => html`<li data-rater=${r.id}>${r.id}: <code>${location.origin}${r.path}</code></li>`)}</ul>
    </section>`;
  }

  override render() {
    const c = COORDINATOR_STRINGS[this.uiLang];
    if (this.error) return html`<div class="card" role="alert">${STRINGS[this.uiLang].error}: ${this.error}</div>`;
    const o = this.overview;
    if (!o) return null;
    return html`
      <section class="card"><h2>${c.title}</h2>
        <h3>${c.runs}</h3>
        <table class="runs">
          <thead><tr><th>${c.run}</th><th>${c.runStatus}</th><th>${c.generations}</th><th>${c.generators}</th><th>${c.categories}</th></tr></thead>
          <tbody>${o.runs.map(
            (r) => html`<tr data-run=${r.id}><td>${r.id}</td><td>${r.status}</td><td class="n">${r.generations}</td>
            <td>${r.generators.join(', ')}</td><td>${r.categories.join(', ')}</td></tr>`,
          )}</tbody>
        </table>
      </section>
      ${this.created ? this.renderCreated(this.created) : null}
      <section class="card">
        <h3>${c.studies}</h3>
        ${
          o.studies.length === 0
            ? html`<p class="muted">${c.noStudies}</p>`
            : html`<table class="studies">
          <thead><tr><th>${c.study}</th><th>${c.run}</th><th>${c.mode}</th><th>${c.raters}</th><th>${c.status}</th><th>${c.created}</th></tr></thead>
          <tbody>${o.studies.map(
            (s) => html`<tr data-study=${s.id}><td>${s.name} <span class="muted">(${s.id})</span></td><td>${s.runId}</td><td>${s.mode}</td>
            <td class="n">${s.raters}</td><td>${s.status}</td><td>${s.createdAt.slice(0, 16).replace('T', ' ')}</td></tr>`,
          )}</tbody>
        </table>`
        }
      </section>
      <section class="card">
        <h3>${c.create}</h3>
        <p class="muted">${c.createHelp}</p>
        <loupe-study-form .token=${this.token} .uiLang=${this.uiLang} .runs=${o.runs} @loupe-study-created=${this.onCreated}></loupe-study-form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-coordinator': LoupeCoordinator;
  }
}
