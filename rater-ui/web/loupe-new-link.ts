import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ADMIN_STRINGS } from './admin-strings.js';
import { api } from './api-client.js';
import { STRINGS, type UiLang } from './i18n.js';
import { baseStyles } from './shared-styles.js';

/**
 * The admin page's "new link" for one rater: a button, a confirmation (the old link stops working),
 * then the new link, shown this once: the server keeps only its hash.
 */
@customElement('loupe-new-link')
export class LoupeNewLink extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { font-size: 0.92em; }
      button { padding: 2px 10px; }
      code { user-select: all; word-break: break-all; }
    `,
  ];

  /** The study's admin token. */
  @property() token = '';
  @property() raterId = '';
  @property() uiLang: UiLang = 'zh';
  @state() private step: 'button' | 'confirm' | 'sending' = 'button';
  @state() private link = '';
  @state() private error = '';

  private async replace(): Promise<void> {
    this.step = 'sending';
    try {
      this.link = `${location.origin}${(await api.replaceRaterLink(this.token, this.raterId)).path}`;
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
      this.step = 'confirm';
    }
  }

  override render() {
    const a = ADMIN_STRINGS[this.uiLang];
    if (this.link) return html`<span class="muted">${a.newLinkShown}</span> <code class="new-link">${this.link}</code>`;
    if (this.step === 'button') return html`<button class="new-link" @click=${() => (this.step = 'confirm')}>${a.newLink}</button>`;
    return html`<span>${a.newLinkAsk}</span>
      <button class="confirm" ?disabled=${this.step === 'sending'} @click=${this.replace}>${a.newLinkGo}</button>
      <button class="cancel" ?disabled=${this.step === 'sending'} @click=${() => (this.step = 'button')}>${a.cancel}</button>
      ${this.error ? html`<p role="alert">${STRINGS[this.uiLang].error}: ${this.error}</p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-new-link': LoupeNewLink;
  }
}
