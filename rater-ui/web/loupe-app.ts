import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { STRINGS, saveLang, savedLang, type UiLang } from './i18n.js';
import './loupe-admin.js';
import './loupe-coordinator.js';
import './loupe-rater.js';
import { baseStyles } from './shared-styles.js';

/** Reads the link (`/r/<token>`, `/admin/<token>` or `/coordinator/<token>`) and shows the rater's, the study admin's or the coordinator's page. */
@customElement('loupe-app')
export class LoupeApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #fff; border-bottom: 1px solid #e3e0d8; }
      main { max-width: 1100px; margin: 16px auto; padding: 0 16px; }
      .langs button[aria-pressed='true'] { background: #1d1d1f; color: #fff; border-color: #1d1d1f; }
      .langs { display: flex; gap: 6px; }
    `,
  ];

  private readonly route = parseRoute(location.pathname);
  @state() private uiLang: UiLang = savedLang(this.route.token.slice(0, 12));

  private setLang(lang: UiLang): void {
    this.uiLang = lang;
    saveLang(this.route.token.slice(0, 12), lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.uiLang === 'zh' ? 'zh-CN' : 'en';
  }

  override render() {
    const t = STRINGS[this.uiLang];
    const { kind, token } = this.route;
    const page =
      kind === 'admin'
        ? html`<loupe-admin .token=${token} .uiLang=${this.uiLang}></loupe-admin>`
        : kind === 'coordinator'
          ? html`<loupe-coordinator .token=${token} .uiLang=${this.uiLang}></loupe-coordinator>`
          : html`<loupe-rater .token=${token} .uiLang=${this.uiLang}></loupe-rater>`;
    return html`
      <header>
        <strong>${t.title}</strong>
        <div class="langs" role="group" aria-label="language / 语言">
          ${(['zh', 'en'] as const).map((l) => html`<button data-lang=${l} aria-pressed=${String(this.uiLang === l)} @click=${() => this.setLang(l)}>${STRINGS[l].langName}</button>`)}
        </div>
      </header>
      <main>${page}</main>
    `;
  }
}

function parseRoute(path: string): { kind: 'rater' | 'admin' | 'coordinator'; token: string } {
  const m = /^\/(r|admin|coordinator)\/([^/]+)/.exec(path);
  return { kind: m?.[1] === 'admin' || m?.[1] === 'coordinator' ? m[1] : 'rater', token: m?.[2] ?? '' };
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-app': LoupeApp;
  }
}
